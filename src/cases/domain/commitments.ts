import { monthOf, startOfYear, yearOf } from '../../../libs/calendar';
import { Decimal, formatAmount } from '../../../libs/money';
import { LedgerDimensions, LedgerEvent, MonthAmount } from '../../ledger';
import { legalBasisLabel } from '../../shared/legal-basis';
import { approvedAmountOfMonth, coveredMonthsOf } from './approved-amounts';
import { CaseStreamEvent } from './case.events';
import { Approval, CaseState, YearLines, activeInvoices, evolveCase, lineKey, splitKey } from './case-state';

/**
 * R5 Commitments (Mittelbindung, Obligo) of an approval. Commitments are reconciled, not patched:
 * after every decision (approval, extension, scope change, termination, verified invoice, Storno,
 * year roll-over) the case computes what the approval should bind per fiscal year, month and
 * provider (`expectedCommitment`), compares it with what its ledger events bound so far, and
 * records or releases the difference (`reconcileApproval`). That keeps R5 exact across month ends,
 * leap years, year boundaries and provider changes with one rule. Kostenbeitrag revenue (R2) of
 * the approval's months is reconciled the same way.
 */

/** R5: a commitment counts from the decision's date; for a later fiscal year from its 01.01. */
export function commitmentDate(businessDate: string, fiscalYear: number): string {
  return yearOf(businessDate) < fiscalYear ? startOfYear(fiscalYear) : businessDate;
}

export function approvalDimensions(state: CaseState, approval: Approval, fiscalYear: number, providerId: string): LedgerDimensions {
  const { classification } = approval;
  return {
    sozialraumId: state.sozialraumId!,
    fiscalYear,
    category: 'FS',
    inBudget: classification.inBudget,
    ...(classification.inBudget || classification.reason === 'in-budget' ? {} : { outOfBudgetReason: classification.reason }),
    providerId,
    source: { kind: 'approval', id: approval.approvalId, caseRef: state.caseRef!, label: legalBasisLabel(approval.legalBasis) },
  };
}

/**
 * What should be committed for a fiscal year (R5): the approved amount of each covered month,
 * except that a month with a verified or paid invoice is bound at the invoiced amount (the
 * difference was released when it was verified).
 */
export function expectedCommitment(state: CaseState, approval: Approval, year: number): Map<string, Decimal> {
  const lines = new Map<string, Decimal>();
  const fixed = new Map<string, { providerId: string; amount: Decimal }>();
  for (const invoice of activeInvoices(state, approval.approvalId)) {
    if (invoice.status === 'awaiting-payment-order' || invoice.status === 'paid') {
      fixed.set(invoice.serviceMonth, { providerId: invoice.providerId, amount: new Decimal(invoice.amount) });
    }
  }
  for (const month of coveredMonthsOf(approval, year)) {
    const invoiced = fixed.get(month);
    if (invoiced) {
      lines.set(lineKey(month, invoiced.providerId), invoiced.amount);
      continue;
    }
    for (const [providerId, amount] of approvedAmountOfMonth(approval, month)) lines.set(lineKey(month, providerId), amount);
  }
  // Paid months outside the (now shorter) period stay bound at what was paid.
  for (const [month, invoiced] of fixed) {
    if (yearOf(month) === year && !lines.has(lineKey(month, invoiced.providerId))) lines.set(lineKey(month, invoiced.providerId), invoiced.amount);
  }
  return lines;
}

/** Kostenbeitrag revenue of a fiscal year (R2): the amount in force for each covered month (latest Festsetzung wins). */
export function expectedRevenue(approval: Approval, year: number): Map<string, Decimal> {
  const lines = new Map<string, Decimal>();
  const ordered = [...approval.kostenbeitraege].sort((a, b) => a.from.localeCompare(b.from));
  for (const month of coveredMonthsOf(approval, year)) {
    let amount: Decimal | null = null;
    for (const kb of ordered) {
      if (monthOf(kb.from) <= month && (kb.to === null || monthOf(kb.to) >= month)) amount = new Decimal(kb.monthlyAmount);
    }
    if (amount && amount.greaterThan(0)) lines.set(lineKey(month, null), amount);
  }
  return lines;
}

function yearsOf(lines: YearLines, approval: Approval): number[] {
  const years = new Set<number>(Object.keys(lines).map(Number));
  const last = approval.end ? yearOf(approval.end) : approval.committedThrough;
  for (let y = yearOf(approval.start); y <= last; y++) years.add(y);
  return [...years].sort((a, b) => a - b);
}

function diff(current: Record<string, string> | undefined, expected: Map<string, Decimal>): Map<string, Decimal> {
  const delta = new Map<string, Decimal>();
  for (const [key, amount] of expected) delta.set(key, amount.minus(current?.[key] ?? 0));
  for (const [key, amount] of Object.entries(current ?? {})) if (!expected.has(key)) delta.set(key, new Decimal(amount).negated());
  for (const [key, amount] of delta) if (amount.isZero()) delta.delete(key);
  return delta;
}

function byProvider(entries: Array<[string, Decimal]>): Map<string, MonthAmount[]> {
  const grouped = new Map<string, MonthAmount[]>();
  for (const [key, amount] of entries.sort(([a], [b]) => a.localeCompare(b))) {
    const [month, providerId] = splitKey(key);
    grouped.set(providerId, [...(grouped.get(providerId) ?? []), { month, amount: formatAmount(amount) }]);
  }
  return grouped;
}

const total = (lines: MonthAmount[]) => formatAmount(lines.reduce((sum, l) => sum.plus(l.amount), new Decimal(0)));

export interface MoneyReasons {
  recorded: string;
  released: string;
}

/**
 * Brings the recorded commitments and Kostenbeitrag revenue of an approval in line with what it
 * should bind now (after the decision already folded into `state`): records what is missing and
 * releases what is no longer expected, per fiscal year and provider.
 */
export function reconcileApproval(state: CaseState, approvalId: string, businessDate: string, reasons: MoneyReasons): LedgerEvent[] {
  const approval = state.approvals[approvalId];
  const events: LedgerEvent[] = [];
  for (const year of yearsOf(approval.committed, approval)) {
    const delta = diff(approval.committed[year], expectedCommitment(state, approval, year));
    const date = commitmentDate(businessDate, year);
    const up = byProvider([...delta].filter(([, a]) => a.greaterThan(0)));
    const down = byProvider([...delta].filter(([, a]) => a.lessThan(0)).map(([k, a]) => [k, a.negated()]));
    for (const [providerId, lines] of down) {
      events.push({
        type: 'CommitmentReleased',
        data: { ...approvalDimensions(state, approval, year, providerId), lines, total: total(lines), reason: reasons.released },
        businessDate: date,
      });
    }
    for (const [providerId, lines] of up) {
      events.push({
        type: 'CommitmentRecorded',
        data: { ...approvalDimensions(state, approval, year, providerId), lines, total: total(lines), reason: reasons.recorded },
        businessDate: date,
      });
    }
  }
  for (const year of yearsOf(approval.revenue, approval)) {
    const delta = diff(approval.revenue[year], expectedRevenue(approval, year));
    for (const [key, amount] of [...delta].sort(([a], [b]) => a.localeCompare(b))) {
      const [month] = splitKey(key);
      events.push({
        type: 'RevenueRecorded',
        data: {
          sozialraumId: state.sozialraumId!,
          fiscalYear: year,
          month,
          kind: 'kostenbeitrag',
          amount: formatAmount(amount),
          source: { kind: 'approval', id: approval.approvalId, caseRef: state.caseRef!, label: 'Kostenbeitrag' },
        },
        businessDate: commitmentDate(businessDate, year),
      });
    }
  }
  return events;
}

/** A decision about an approval followed by the money movements it causes. */
export function withCommitments(
  state: CaseState,
  decided: CaseStreamEvent[],
  approvalId: string,
  businessDate: string,
  reasons: MoneyReasons,
): CaseStreamEvent[] {
  const after = decided.reduce(evolveCase, state);
  return [...decided, ...reconcileApproval(after, approvalId, businessDate, reasons)];
}

/**
 * R5: an open-ended approval is committed to 31.12. of its last committed year; for the next
 * year it is committed on 01.01. of that year. Carries one approval from `fiscalYear` into the
 * next; nothing when it is not open-ended and running, or was already carried (idempotent).
 */
function rollApproval(state: CaseState, approvalId: string, fiscalYear: number): CaseStreamEvent[] {
  const approval = state.approvals[approvalId];
  const openEnded = approval !== undefined && approval.end === null && approval.termination === null;
  if (!openEnded || approval.committedThrough !== fiscalYear) return [];
  const newYear = startOfYear(fiscalYear + 1);
  const rolled: CaseStreamEvent[] = [{ type: 'ApprovalRolledOver', data: { approvalId, fiscalYear: fiscalYear + 1 }, businessDate: newYear }];
  return withCommitments(state, rolled, approvalId, newYear, { recorded: 'year-rollover', released: 'year-rollover' });
}

/** Year close: every open-ended approval still running carries its commitment into the next year (on 01.01.). */
export function rollOverApprovals(state: CaseState, fiscalYear: number): CaseStreamEvent[] {
  const events: CaseStreamEvent[] = [];
  let current = state;
  for (const approvalId of state.approvalOrder) {
    const decided = rollApproval(current, approvalId, fiscalYear);
    current = decided.reduce(evolveCase, current);
    events.push(...decided);
  }
  return events;
}

/**
 * Before the year close: a decision about a month of a later fiscal year of an open-ended
 * approval (an invoice, a Kostenbeitrag, a change of scope) first carries the commitment into
 * that year, year by year, with the same events and dates (01.01.) as the year close, which then
 * finds nothing left to roll. The caller decides the command on the state after these events and
 * appends both together.
 */
export function rollInto(state: CaseState, approvalId: string, fiscalYear: number): CaseStreamEvent[] {
  const events: CaseStreamEvent[] = [];
  let current = state;
  const approval = state.approvals[approvalId];
  if (!approval) return events;
  for (let year = approval.committedThrough; year < fiscalYear; year++) {
    const decided = rollApproval(current, approvalId, year);
    if (decided.length === 0) break;
    current = decided.reduce(evolveCase, current);
    events.push(...decided);
  }
  return events;
}
