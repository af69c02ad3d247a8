import { refuse, NotFound } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { FLEXIBLE_PROBLEMS } from '../flexible.problems';
import { monthOf } from '../../../libs/calendar';
import { Decimal, ZERO, formatAmount, sumAmounts } from '../../../libs/money';
import { SozialraumYear, assertBookable } from '../../budgets';
import { assertWithinDiscretionaryLimit } from './discretionary-limit';
import { assertBescheidInTime, commitmentDate, isInFiscalYear } from './fiscal-year-dates';
import { FlexibleBudgetState } from './flexible-budget';
import { monthLines, subsidyDimensions } from './flexible-ledger';
import { Subsidy } from './flexible-state';
import { FlexibleStreamEvent } from './flexible-stream-event';
import { FlexibleCategory, InstalmentPlanLine } from './flexible.events';
import { subsidyOf } from './lookups';

export interface GrantSubsidy extends SozialraumYear {
  providerId: string;
  category: FlexibleCategory;
  purpose: string;
  total: Decimal;
  instalments: Array<{ dueDate: string; amount: Decimal }>;
  /** The Bescheid date is the command's business date. */
  bescheidDate: string;
}

export function nextSubsidyId(state: FlexibleBudgetState, fiscalYear: number): string {
  return `ZUW-${fiscalYear}-${state.flexible.subsidiesGranted + 1}`;
}

/** Instalments in due-date order, numbered R1, R2, ...; each counts in its payment month (R3). */
function instalmentPlan(command: GrantSubsidy): InstalmentPlanLine[] {
  const ordered = command.instalments.map((i, index) => ({ ...i, index })).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.index - b.index);
  return ordered.map((i, n) => ({ instalmentId: `R${n + 1}`, dueDate: i.dueDate, month: monthOf(i.dueDate), amount: formatAmount(i.amount) }));
}

export interface GrantSubsidyFacts {
  /** Whether the master data knows the provider. */
  providerRegistered: boolean;
}

function assertPlanFits(command: GrantSubsidy): void {
  const { fiscalYear } = command;
  for (const instalment of command.instalments) {
    if (!isInFiscalYear(instalment.dueDate, fiscalYear)) {
      refuse(
        FLEXIBLE_PROBLEMS['instalment-outside-fiscal-year'],
        text(
          `Die am ${instalment.dueDate} fällige Rate liegt nicht im Haushaltsjahr ${fiscalYear}; Raten eines späteren Jahres brauchen das Budget jenes Jahres.`,
          `The instalment due ${instalment.dueDate} is not in ${fiscalYear}; a later year's instalments need that year's budget.`,
        ),
      );
    }
    if (instalment.dueDate < command.bescheidDate) {
      refuse(
        FLEXIBLE_PROBLEMS['instalment-before-bescheid'],
        text(
          `Die am ${instalment.dueDate} fällige Rate liegt vor dem Bescheid vom ${command.bescheidDate}.`,
          `The instalment due ${instalment.dueDate} lies before the Bescheid of ${command.bescheidDate}.`,
        ),
      );
    }
    if (!instalment.amount.greaterThan(0)) {
      refuse(SHARED_PROBLEMS['amount-not-positive'], text('Jede Rate muss ein positiver Betrag sein.', 'Every instalment is a positive amount.'));
    }
  }
  const sum = sumAmounts(command.instalments.map((i) => i.amount));
  if (!sum.equals(command.total)) {
    refuse(
      FLEXIBLE_PROBLEMS['instalments-do-not-match-total'],
      text(
        `Die Raten ergeben zusammen ${formatAmount(sum)} EUR, die Zuwendung beträgt ${formatAmount(command.total)} EUR.`,
        `The instalments add up to ${formatAmount(sum)}, the subsidy is ${formatAmount(command.total)}.`,
      ),
      {
        instalmentSum: formatAmount(sum),
        total: formatAmount(command.total),
      },
    );
  }
}

/** Zuwendungsbescheid: commits the whole plan on the Bescheid date (R5), within the discretionary limit. */
export function decideGrantSubsidy(command: GrantSubsidy, state: FlexibleBudgetState, facts: GrantSubsidyFacts): FlexibleStreamEvent[] {
  if (!facts.providerRegistered) {
    throw new NotFound(
      SHARED_PROBLEMS['provider-not-found'],
      text(`Der Träger ${command.providerId} ist nicht registriert.`, `Provider ${command.providerId} is not registered.`),
    );
  }
  const { fiscalYear } = command;
  assertBookable(state.budget, command);
  assertBescheidInTime(command.bescheidDate, fiscalYear);
  assertPlanFits(command);
  assertWithinDiscretionaryLimit(state, command.category, command.total);
  const subsidyId = nextSubsidyId(state, fiscalYear);
  const instalments = instalmentPlan(command);
  const total = formatAmount(command.total);
  return [
    {
      type: 'SubsidyGranted',
      data: {
        subsidyId,
        providerId: command.providerId,
        category: command.category,
        purpose: command.purpose,
        total,
        bescheidDate: command.bescheidDate,
        instalments,
      },
    },
    {
      type: 'CommitmentRecorded',
      data: {
        ...subsidyDimensions(command, { subsidyId, providerId: command.providerId, category: command.category, purpose: command.purpose }),
        lines: monthLines(instalments.map((i) => ({ month: i.month, amount: new Decimal(i.amount) }))),
        total,
        reason: 'subsidy',
      },
      businessDate: commitmentDate(command.bescheidDate, fiscalYear),
    },
  ];
}

function noSuchInstalment(subsidy: Subsidy, instalmentId: string): never {
  refuse(
    FLEXIBLE_PROBLEMS['instalment-not-found'],
    text(`Die Zuwendung ${subsidy.subsidyId} hat keine Rate ${instalmentId}.`, `Subsidy ${subsidy.subsidyId} has no instalment ${instalmentId}.`),
  );
}

function assertNotReclaimed(subsidy: Subsidy): void {
  if (subsidy.reclaim) {
    refuse(
      FLEXIBLE_PROBLEMS['subsidy-reclaimed'],
      text(
        `Die Zuwendung ${subsidy.subsidyId} wurde am ${subsidy.reclaim.reclaimedOn} zurückgefordert; sie nimmt keine weiteren Zahlungen oder Nachweise an.`,
        `Subsidy ${subsidy.subsidyId} was reclaimed on ${subsidy.reclaim.reclaimedOn}; it takes no further payments or reports.`,
      ),
    );
  }
}

export interface OrderInstalmentPayment extends SozialraumYear {
  subsidyId: string;
  instalmentId: string;
  /** Date of the payment order. */
  businessDate: string;
}

/**
 * The payment month of an instalment (R3): the month of the payment order's business date. An
 * order dated after 31.12. of the fiscal year (before the year close, which waits for unpaid
 * instalments; a closed year refuses it) pays the year's own commitment in the Auslaufzeitraum
 * and counts in December, as a December invoice verified in January counts in its year. An order
 * dated before 01.01. (a Bescheid of the previous year paid early) counts in January, just as
 * such a Bescheid is committed on 01.01. (R5). Either way the money stays in the budget of the
 * year that committed it.
 */
export function paymentMonth(paymentOrderDate: string, fiscalYear: number): string {
  const year = Number(paymentOrderDate.slice(0, 4));
  if (year < fiscalYear) return `${fiscalYear}-01`;
  if (year > fiscalYear) return `${fiscalYear}-12`;
  return monthOf(paymentOrderDate);
}

/**
 * Auszahlungsanordnung: the instalment becomes actual expenditure of its payment month (R3), the
 * month of the payment order, not of the due date. Paid in another month than planned, its
 * commitment moves with it (released from the planned month, recorded in the payment month), so
 * every month's open commitment stays forecast − actual; the forecast itself is unchanged.
 */
export function decideOrderInstalmentPayment(command: OrderInstalmentPayment, state: FlexibleBudgetState): FlexibleStreamEvent[] {
  assertBookable(state.budget, command);
  const subsidy = subsidyOf(state, command.subsidyId);
  assertNotReclaimed(subsidy);
  const instalment = subsidy.instalments.find((i) => i.instalmentId === command.instalmentId);
  if (!instalment) noSuchInstalment(subsidy, command.instalmentId);
  if (instalment.status === 'paid') {
    refuse(
      FLEXIBLE_PROBLEMS['instalment-already-paid'],
      text(
        `Die Rate ${instalment.instalmentId} der Zuwendung ${subsidy.subsidyId} wurde bereits am ${instalment.paymentOrderedOn} zur Zahlung angeordnet.`,
        `Instalment ${instalment.instalmentId} of ${subsidy.subsidyId} was ordered for payment on ${instalment.paymentOrderedOn}.`,
      ),
    );
  }
  if (command.businessDate < subsidy.bescheidDate) {
    refuse(
      FLEXIBLE_PROBLEMS['payment-before-bescheid'],
      text(
        `Eine Zahlungsanordnung vom ${command.businessDate} liegt vor dem Bescheid vom ${subsidy.bescheidDate}.`,
        `A payment order of ${command.businessDate} lies before the Bescheid of ${subsidy.bescheidDate}.`,
      ),
    );
  }
  const month = paymentMonth(command.businessDate, command.fiscalYear);
  const amount = formatAmount(instalment.amount);
  const dimensions = subsidyDimensions(command, subsidy);
  const events: FlexibleStreamEvent[] = [
    { type: 'SubsidyInstalmentPaymentOrdered', data: { subsidyId: subsidy.subsidyId, instalmentId: instalment.instalmentId, month, amount } },
  ];
  if (month !== instalment.month) {
    events.push(
      { type: 'CommitmentReleased', data: { ...dimensions, lines: [{ month: instalment.month, amount }], total: amount, reason: 'paid-in-other-month' } },
      { type: 'CommitmentRecorded', data: { ...dimensions, lines: [{ month, amount }], total: amount, reason: 'paid-in-other-month' } },
    );
  }
  events.push({ type: 'ExpenditureAccrued', data: { ...dimensions, month, amount, reference: `${subsidy.subsidyId}-${instalment.instalmentId}` } });
  return events;
}

export interface ReportUsage extends SozialraumYear {
  subsidyId: string;
  /** The reporting provider: only the subsidy's own provider reports its use. */
  providerId: string;
  lines: Array<{ instalmentId: string; spent: Decimal; description: string }>;
}

/** Verwendungsnachweis per instalment period; a later report of a period supersedes the earlier one. */
export function decideReportUsage(command: ReportUsage, state: FlexibleBudgetState): FlexibleStreamEvent[] {
  assertBookable(state.budget, command);
  const subsidy = subsidyOf(state, command.subsidyId, command.providerId);
  assertNotReclaimed(subsidy);
  const seen = new Set<string>();
  const lines = command.lines.map((line) => {
    if (seen.has(line.instalmentId)) {
      refuse(
        FLEXIBLE_PROBLEMS['instalment-reported-twice'],
        text(`Die Rate ${line.instalmentId} steht zweimal im Verwendungsnachweis.`, `Instalment ${line.instalmentId} appears twice in the report.`),
      );
    }
    seen.add(line.instalmentId);
    const instalment = subsidy.instalments.find((i) => i.instalmentId === line.instalmentId);
    if (!instalment) noSuchInstalment(subsidy, line.instalmentId);
    if (instalment.status !== 'paid') {
      refuse(
        FLEXIBLE_PROBLEMS['instalment-not-paid'],
        text(
          `Die Rate ${instalment.instalmentId} ist noch nicht ausgezahlt; nachgewiesen werden kann nur ausgezahltes Geld.`,
          `Instalment ${instalment.instalmentId} has not been paid; only paid money can be accounted for.`,
        ),
      );
    }
    if (line.spent.greaterThan(instalment.amount)) {
      refuse(
        FLEXIBLE_PROBLEMS['usage-exceeds-instalment'],
        text(
          `${formatAmount(line.spent)} EUR übersteigen die Rate von ${formatAmount(instalment.amount)} EUR; die Zuwendung deckt höchstens, was ausgezahlt wurde.`,
          `${formatAmount(line.spent)} exceeds the instalment of ${formatAmount(instalment.amount)}; the subsidy covers at most what was paid.`,
        ),
        {
          instalmentId: instalment.instalmentId,
          paid: formatAmount(instalment.amount),
        },
      );
    }
    return {
      instalmentId: instalment.instalmentId,
      spent: formatAmount(line.spent),
      unused: formatAmount(instalment.amount.minus(line.spent)),
      description: line.description,
    };
  });
  return [{ type: 'SubsidyUsageReported', data: { subsidyId: subsidy.subsidyId, lines } }];
}

export interface ReclaimSubsidy extends SozialraumYear {
  subsidyId: string;
  reason: string;
}

/**
 * Rückforderung: instalments not yet paid are released (their commitment ends); money paid but
 * unused according to the usage report becomes a claim. Paid money stays actual expenditure
 * (R2): what comes back is revenue when received.
 */
export function decideReclaimSubsidy(command: ReclaimSubsidy, state: FlexibleBudgetState): FlexibleStreamEvent[] {
  assertBookable(state.budget, command);
  const subsidy = subsidyOf(state, command.subsidyId);
  assertNotReclaimed(subsidy);
  const paid = subsidy.instalments.filter((i) => i.status === 'paid');
  const missing = paid.filter((i) => !i.usage).map((i) => i.instalmentId);
  if (missing.length) {
    refuse(
      FLEXIBLE_PROBLEMS['usage-report-missing'],
      text(
        `Für die ausgezahlten Raten ${missing.join(', ')} liegt noch kein Verwendungsnachweis vor; die Rückforderung beruht auf dem Verwendungsnachweis.`,
        `The use of paid instalments ${missing.join(', ')} is not reported yet; the claim is based on the usage report.`,
      ),
      { missing },
    );
  }
  const unpaid = subsidy.instalments.filter((i) => i.status === 'committed');
  const released = sumAmounts(unpaid.map((i) => i.amount));
  const claimed = sumAmounts(paid.map((i) => i.usage!.unused));
  if (released.isZero() && claimed.isZero()) {
    refuse(
      FLEXIBLE_PROBLEMS['nothing-to-reclaim'],
      text(
        `Jede Rate der Zuwendung ${subsidy.subsidyId} ist ausgezahlt und vollständig verwendet.`,
        `Every instalment of ${subsidy.subsidyId} is paid and fully used.`,
      ),
    );
  }
  const events: FlexibleStreamEvent[] = [
    {
      type: 'SubsidyReclaimed',
      data: {
        subsidyId: subsidy.subsidyId,
        reason: command.reason,
        releasedInstalments: unpaid.map((i) => i.instalmentId),
        released: formatAmount(released),
        claimed: formatAmount(claimed),
      },
    },
  ];
  if (released.greaterThan(ZERO)) {
    events.push({
      type: 'CommitmentReleased',
      data: {
        ...subsidyDimensions(command, subsidy),
        lines: monthLines(unpaid.map((i) => ({ month: i.month, amount: i.amount }))),
        total: formatAmount(released),
        reason: 'reclaim',
      },
    });
  }
  return events;
}

export interface ReceiveReclaim extends SozialraumYear {
  subsidyId: string;
  amount: Decimal;
  /** Date the money was received. */
  businessDate: string;
}

/** Money of a claim received: revenue of the month of receipt (R2), never less expenditure. */
export function decideReceiveReclaim(command: ReceiveReclaim, state: FlexibleBudgetState): FlexibleStreamEvent[] {
  const { sozialraumId, fiscalYear } = command;
  assertBookable(state.budget, command);
  const subsidy = subsidyOf(state, command.subsidyId);
  const outstanding = subsidy.reclaim ? subsidy.reclaim.claimed.minus(subsidy.reclaim.received) : ZERO;
  if (!subsidy.reclaim || !outstanding.greaterThan(0)) {
    refuse(
      FLEXIBLE_PROBLEMS['no-open-claim'],
      text(`Zur Zuwendung ${subsidy.subsidyId} ist keine Rückforderung offen.`, `Subsidy ${subsidy.subsidyId} has no outstanding reclaim.`),
    );
  }
  if (!command.amount.greaterThan(0)) {
    refuse(SHARED_PROBLEMS['amount-not-positive'], text('Ein Zahlungseingang muss ein positiver Betrag sein.', 'A receipt is a positive amount.'));
  }
  if (command.amount.greaterThan(outstanding)) {
    refuse(
      FLEXIBLE_PROBLEMS['receipt-exceeds-claim'],
      text(
        `${formatAmount(command.amount)} EUR übersteigen die offene Rückforderung von ${formatAmount(outstanding)} EUR.`,
        `${formatAmount(command.amount)} exceeds the outstanding claim of ${formatAmount(outstanding)}.`,
      ),
      { outstanding: formatAmount(outstanding) },
    );
  }
  if (command.businessDate < subsidy.reclaim.reclaimedOn) {
    refuse(
      FLEXIBLE_PROBLEMS['receipt-before-claim'],
      text(
        `Ein Zahlungseingang vom ${command.businessDate} liegt vor der Rückforderung vom ${subsidy.reclaim.reclaimedOn}.`,
        `A receipt of ${command.businessDate} lies before the reclaim of ${subsidy.reclaim.reclaimedOn}.`,
      ),
    );
  }
  if (!isInFiscalYear(command.businessDate, fiscalYear)) {
    refuse(
      FLEXIBLE_PROBLEMS['receipt-outside-fiscal-year'],
      text(
        `Ein Zahlungseingang vom ${command.businessDate} ist keine Einnahme des Haushaltsjahres ${fiscalYear}.`,
        `A receipt of ${command.businessDate} is not revenue of ${fiscalYear}.`,
      ),
    );
  }
  const amount = formatAmount(command.amount);
  return [
    { type: 'SubsidyReclaimReceived', data: { subsidyId: subsidy.subsidyId, amount, outstanding: formatAmount(outstanding.minus(command.amount)) } },
    {
      type: 'RevenueRecorded',
      data: {
        sozialraumId,
        fiscalYear,
        month: monthOf(command.businessDate),
        kind: 'rueckforderung',
        amount,
        source: { kind: 'subsidy', id: subsidy.subsidyId, label: subsidy.purpose },
        providerId: subsidy.providerId,
      },
    },
  ];
}
