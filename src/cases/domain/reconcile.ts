import { startOfYear, yearOf } from '../../../libs/calendar';
import { Decimal, formatAmount } from '../../../libs/money';
import { LedgerDimensions, LedgerEvent, MonthAmount } from '../../ledger';
import { legalBasisLabel } from '../../shared/legal-basis';
import { expectedCommitment, expectedRevenue } from './approved-amounts';
import { CaseStreamEvent } from './case.events';
import { Approval, CaseState, YearLines, splitKey } from './case-state';

/** R5: a commitment counts from the decision's date; for a later fiscal year from its 01.01. */
export function commitmentDate(businessDate: string, fiscalYear: number): string {
  return yearOf(businessDate) < fiscalYear ? startOfYear(fiscalYear) : businessDate;
}

export function approvalDimensions(state: CaseState, approval: Approval, fiscalYear: number, providerId: string): LedgerDimensions {
  return {
    sozialraumId: state.sozialraumId!,
    fiscalYear,
    category: 'FS',
    inBudget: approval.classification.inBudget,
    ...(approval.classification.inBudget ? {} : { outOfBudgetReason: approval.classification.reason as 'excluded-legal-basis' | 'high-cost' }),
    providerId,
    source: { kind: 'approval', id: approval.approvalId, caseRef: state.caseRef!, label: legalBasisLabel(approval.legalBasis) },
  };
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

/**
 * Brings the recorded commitments and Kostenbeitrag revenue of an approval in line with what it
 * should bind now (after the decision already folded into `state`): records what is missing and
 * releases what is no longer expected, per fiscal year and provider.
 */
export function reconcileApproval(
  state: CaseState,
  approvalId: string,
  businessDate: string,
  reasons: { recorded: string; released: string },
): LedgerEvent[] {
  const approval = state.approvals[approvalId];
  const events: LedgerEvent[] = [];
  for (const year of yearsOf(approval.committed, approval)) {
    const delta = diff(approval.committed[year], expectedCommitment(state, approval, year));
    const date = commitmentDate(businessDate, year);
    const up = byProvider([...delta].filter(([, a]) => a.greaterThan(0)));
    const down = byProvider([...delta].filter(([, a]) => a.lessThan(0)).map(([k, a]) => [k, a.negated()]));
    for (const [providerId, lines] of down) {
      events.push({ type: 'CommitmentReleased', data: { ...approvalDimensions(state, approval, year, providerId), lines, total: total(lines), reason: reasons.released }, businessDate: date });
    }
    for (const [providerId, lines] of up) {
      events.push({ type: 'CommitmentRecorded', data: { ...approvalDimensions(state, approval, year, providerId), lines, total: total(lines), reason: reasons.recorded }, businessDate: date });
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

/** Fiscal years the ledger events touch (to refuse bookings into closed years). */
export function fiscalYearsOf(events: Array<{ type: string; data: unknown }>): number[] {
  const years = new Set<number>();
  for (const e of events) {
    const fiscalYear = (e.data as { fiscalYear?: number }).fiscalYear;
    if (typeof fiscalYear === 'number' && ['CommitmentRecorded', 'CommitmentReleased', 'ExpenditureAccrued', 'ExpenditureReversed', 'RevenueRecorded'].includes(e.type)) years.add(fiscalYear);
  }
  return [...years];
}

/**
 * Fiscal years a decision concerns, so that a closed year refuses it (rule book: a closed year
 * accepts no bookings): the years its ledger events book into, and the year of the service month
 * of every invoice it submits, verifies, pays or reverses — also when no money moves yet (an
 * invoice submitted, the sachlich-richtig step, a rechnerisch-richtig step equal to the
 * commitment). A rejection is deliberately not counted: it books nothing and only takes an
 * invoice out of the verification queue.
 */
export function fiscalYearsConcerned(state: CaseState, events: CaseStreamEvent[]): number[] {
  const years = new Set<number>(fiscalYearsOf(events));
  const serviceMonths = new Map(Object.values(state.invoices).map((i) => [i.invoiceId, i.serviceMonth]));
  for (const e of events) {
    if (e.type === 'InvoiceSubmitted') serviceMonths.set(e.data.invoiceId, e.data.serviceMonth);
    if (e.type === 'InvoiceSubmitted' || e.type === 'InvoiceVerified' || e.type === 'PaymentOrdered' || e.type === 'PaymentReversed') {
      const month = serviceMonths.get(e.data.invoiceId);
      if (month) years.add(yearOf(month));
    }
  }
  return [...years].sort((a, b) => a - b);
}
