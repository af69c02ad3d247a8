import { addDays, monthOf, monthsBetween, yearOf } from '../../../libs/calendar';
import { Decimal, ZERO, formatAmount } from '../../../libs/money';
import { DEFAULT_CONTRACT_TERMS } from '../../budgets';
import { MonthAmount } from '../../ledger';
import { LegalBasis, RateType, defaultSetting, legalBasisLabel } from '../../shared/legal-basis';
import { CaseStreamEvent, Classification, VerificationStep } from './case.events';
import { RateAgreementRef, ScopeFacts } from './approval.decisions';
import { CaseFacts } from './closed-years';

/**
 * The histories the case specs start from, written as the events a case stream holds (folded by
 * the decider's evolve, never produced by running deciders): one case TW-25-001 in HRO-TW and
 * its first approval B1.
 */
export const CASE_REF = 'TW-25-001';
export const A = 'TW-25-001-B1';

/** No fiscal year closed. */
export const open: CaseFacts = { closedYears: [] };

export const lookups = (agreement: RateAgreementRef | null = null): ScopeFacts => ({ agreement, terms: { ...DEFAULT_CONTRACT_TERMS }, contractVersion: 1 });

/** The facts of a grant: nothing closed (unless given), the agreement in force, the default contract as version 1. */
export const grantFacts = (agreement: RateAgreementRef | null = null, closedYears: number[] = []) => ({ ...lookups(agreement), closedYears });

/** The facts of an extension or a change of scope. */
export const scopeFacts = (agreement: RateAgreementRef | null = null, closedYears: number[] = []) => ({ scope: lookups(agreement), closedYears });

export const caseOpened: CaseStreamEvent = { type: 'CaseOpened', data: { caseRef: CASE_REF, sozialraumId: 'HRO-TW' } };

/** Lines of one amount for every month from `from` to `to` (flat months, FLS hours × rate). */
export const perMonth = (from: string, to: string, amount: string): Array<[string, string]> => monthsBetween(from, to).map((m) => [m, amount]);

/** Lines of a daily rate for the days from `from` to `to`, first and last day inclusive. */
export function perDay(rate: string, from: string, to: string): Array<[string, string]> {
  const days = new Map<string, number>();
  for (let day = from; day <= to; day = addDays(day, 1)) days.set(monthOf(day), (days.get(monthOf(day)) ?? 0) + 1);
  return [...days].map(([month, n]) => [month, formatAmount(new Decimal(rate).times(n))]);
}

export interface GivenApproval {
  legalBasis: LegalBasis;
  rateType: RateType;
  providerId: string;
  rate: string;
  hoursPerMonth?: string;
  agreementId?: string;
  rateReason?: string;
  start: string;
  end: string | null;
  bescheidDate: string;
  classification?: Classification;
}

const IN_BUDGET: Classification = { inBudget: true, reason: 'in-budget', explanation: 'inside the Sozialraum budget', contractVersion: 1 };

function money(approval: GivenApproval, fiscalYear: number, providerId: string) {
  const classification = approval.classification ?? IN_BUDGET;
  return {
    sozialraumId: 'HRO-TW',
    fiscalYear,
    category: 'FS' as const,
    inBudget: classification.inBudget,
    ...(classification.reason === 'in-budget' ? {} : { outOfBudgetReason: classification.reason }),
    providerId,
    source: { kind: 'approval' as const, id: A, caseRef: CASE_REF, label: legalBasisLabel(approval.legalBasis) },
  };
}

const total = (lines: MonthAmount[]) => formatAmount(lines.reduce((sum, l) => sum.plus(l.amount), ZERO));
const toLines = (lines: Array<[string, string]>): MonthAmount[] => lines.map(([month, amount]) => ({ month, amount }));

export function commitmentRecorded(
  approval: GivenApproval,
  lines: Array<[string, string]>,
  reason: string,
  businessDate: string,
  providerId = approval.providerId,
): CaseStreamEvent {
  const monthLines = toLines(lines);
  return {
    type: 'CommitmentRecorded',
    data: { ...money(approval, yearOf(lines[0][0]), providerId), lines: monthLines, total: total(monthLines), reason },
    businessDate,
  };
}

export function commitmentReleased(
  approval: GivenApproval,
  lines: Array<[string, string]>,
  reason: string,
  businessDate: string,
  providerId = approval.providerId,
): CaseStreamEvent {
  const monthLines = toLines(lines);
  return {
    type: 'CommitmentReleased',
    data: { ...money(approval, yearOf(lines[0][0]), providerId), lines: monthLines, total: total(monthLines), reason },
    businessDate,
  };
}

/**
 * The case opened and B1 granted with the commitment it recorded for each fiscal year (lines
 * stated by the spec: what the Bescheid bound).
 */
export function granted(approval: GivenApproval, committed: Array<Array<[string, string]>>): CaseStreamEvent[] {
  const committedThrough = Math.max(yearOf(approval.start), yearOf(approval.bescheidDate));
  const grant: CaseStreamEvent = {
    type: 'ApprovalGranted',
    data: {
      approvalId: A,
      caseRef: CASE_REF,
      sozialraumId: 'HRO-TW',
      legalBasis: approval.legalBasis,
      setting: defaultSetting(approval.legalBasis) ?? 'ambulant',
      rateType: approval.rateType,
      bescheidDate: approval.bescheidDate,
      start: approval.start,
      end: approval.end,
      segment: {
        from: approval.start,
        providerId: approval.providerId,
        rate: approval.rate,
        hoursPerMonth: approval.hoursPerMonth ?? null,
        agreementId: approval.agreementId ?? null,
        rateReason: approval.agreementId ? null : (approval.rateReason ?? 'Einzelvereinbarung'),
      },
      classification: approval.classification ?? IN_BUDGET,
      committedThrough,
    },
    businessDate: approval.bescheidDate,
  };
  const dated = (lines: Array<[string, string]>) =>
    yearOf(approval.bescheidDate) < yearOf(lines[0][0]) ? `${yearOf(lines[0][0])}-01-01` : approval.bescheidDate;
  return [caseOpened, grant, ...committed.map((lines) => commitmentRecorded(approval, lines, 'approval', dated(lines)))];
}

export const invoiceSubmitted = (n: number, providerId: string, serviceMonth: string, quantity: string | null, amount: string): CaseStreamEvent => ({
  type: 'InvoiceSubmitted',
  data: { invoiceId: `${A}-R${n}`, approvalId: A, providerId, serviceMonth, quantity, amount, invoiceNumber: `RE-${serviceMonth}`, leitwegId: null },
});

export const invoiceVerified = (n: number, step: VerificationStep, verifiedBy: string, businessDate: string): CaseStreamEvent => ({
  type: 'InvoiceVerified',
  data: { invoiceId: `${A}-R${n}`, step, verifiedBy },
  businessDate,
});

export const invoiceRejected = (n: number, reason: string): CaseStreamEvent => ({ type: 'InvoiceRejected', data: { invoiceId: `${A}-R${n}`, reason } });

export function paymentOrdered(approval: GivenApproval, n: number, serviceMonth: string, amount: string, businessDate: string): CaseStreamEvent[] {
  const invoiceId = `${A}-R${n}`;
  return [
    { type: 'PaymentOrdered', data: { invoiceId, amount, serviceMonth }, businessDate },
    {
      type: 'ExpenditureAccrued',
      data: { ...money(approval, yearOf(serviceMonth), approval.providerId), month: serviceMonth, amount, reference: invoiceId },
      businessDate,
    },
  ];
}

/** Ledger lines of a set of events as [type, fiscalYear, providerId, month, amount] rows. */
export function moneyLines(events: CaseStreamEvent[]): Array<[string, number, string, string, string]> {
  const rows: Array<[string, number, string, string, string]> = [];
  for (const e of events) {
    if (e.type === 'CommitmentRecorded' || e.type === 'CommitmentReleased') {
      for (const l of e.data.lines) rows.push([e.type, e.data.fiscalYear, e.data.providerId, l.month, l.amount]);
    }
    if (e.type === 'ExpenditureAccrued' || e.type === 'ExpenditureReversed')
      rows.push([e.type, e.data.fiscalYear, e.data.providerId, e.data.month, e.data.amount]);
  }
  return rows;
}

/** The sum of the totals (commitments) or amounts (expenditure, revenue) of the events of a type. */
export function totalOf(events: CaseStreamEvent[], type: CaseStreamEvent['type']): string {
  let sum = ZERO;
  for (const e of events) {
    if (e.type !== type) continue;
    if (e.type === 'CommitmentRecorded' || e.type === 'CommitmentReleased') sum = sum.plus(e.data.total);
    else if (e.type === 'ExpenditureAccrued' || e.type === 'ExpenditureReversed' || e.type === 'RevenueRecorded') sum = sum.plus(e.data.amount);
  }
  return formatAmount(sum);
}

type DataOf<T extends CaseStreamEvent['type']> = Extract<CaseStreamEvent, { type: T }>['data'];

/** The data of the first event of a type, narrowed to it. */
export function dataOf<T extends CaseStreamEvent['type']>(events: CaseStreamEvent[], type: T): DataOf<T> {
  const found = events.find((e) => e.type === type);
  if (!found) throw new Error(`no ${type} among ${events.map((e) => e.type).join(', ')}`);
  return found.data as DataOf<T>;
}

/** The data of every event of a type, narrowed to it. */
export function dataOfAll<T extends CaseStreamEvent['type']>(events: CaseStreamEvent[], type: T): Array<DataOf<T>> {
  return events.filter((e) => e.type === type).map((e) => e.data as DataOf<T>);
}
