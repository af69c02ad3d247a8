import { Decider } from '../../../libs/ddd/decider';
import { Decimal, formatAmount } from '../../../libs/money';
import { LegalBasis, RateType, Setting } from '../../shared/legal-basis';
import { CaseStreamEvent, Classification, RateSegment, TerminationReason, VerificationStep } from './case.events';

export type InvoiceStatus = 'awaiting-first-verification' | 'awaiting-second-verification' | 'awaiting-payment-order' | 'paid' | 'rejected' | 'reversed';

export interface Invoice {
  invoiceId: string;
  approvalId: string;
  providerId: string;
  serviceMonth: string;
  quantity: string | null;
  amount: string;
  invoiceNumber: string;
  leitwegId: string | null;
  status: InvoiceStatus;
  verifications: Array<{ step: VerificationStep; verifiedBy: string; on: string | null }>;
  rejectionReason: string | null;
  reversalReason: string | null;
}

export interface Kostenbeitrag {
  kostenbeitragId: string;
  monthlyAmount: string;
  from: string;
  to: string | null;
}

/** Money lines keyed by `${month}|${providerId}`, per fiscal year: what is in force now. */
export type YearLines = Record<number, Record<string, string>>;

export interface Approval {
  approvalId: string;
  legalBasis: LegalBasis;
  setting: Setting | null;
  rateType: RateType;
  bescheidDate: string;
  start: string;
  end: string | null;
  segments: RateSegment[];
  classification: Classification;
  committedThrough: number;
  termination: { reason: TerminationReason; effectiveEnd: string; note: string | null } | null;
  /** Commitments recorded − released (the approval's forecast contribution), per year and month. */
  committed: YearLines;
  kostenbeitraege: Kostenbeitrag[];
  /** Kostenbeitrag revenue recorded, per year and month (key `${month}|-`). */
  revenue: YearLines;
  kostenerstattungen: Array<{ claimId: string; debtorAuthority: string; serviceMonth: string; amount: string; reference: string }>;
}

export interface CaseState {
  caseRef: string | null;
  sozialraumId: string | null;
  approvals: Record<string, Approval>;
  approvalOrder: string[];
  invoices: Record<string, Invoice>;
  invoiceOrder: string[];
}

export const initialCaseState: CaseState = { caseRef: null, sozialraumId: null, approvals: {}, approvalOrder: [], invoices: {}, invoiceOrder: [] };

export const lineKey = (month: string, providerId: string | null | undefined) => `${month}|${providerId ?? '-'}`;
export const splitKey = (key: string): [string, string] => key.split('|') as [string, string];

function addLines(lines: YearLines, year: number, entries: Array<{ key: string; amount: Decimal }>): YearLines {
  const yearLines = { ...(lines[year] ?? {}) };
  for (const { key, amount } of entries) {
    const next = new Decimal(yearLines[key] ?? 0).plus(amount);
    if (next.isZero()) delete yearLines[key];
    else yearLines[key] = formatAmount(next);
  }
  return { ...lines, [year]: yearLines };
}

function withApproval(state: CaseState, approvalId: string, change: (a: Approval) => Approval): CaseState {
  const approval = state.approvals[approvalId];
  return approval ? { ...state, approvals: { ...state.approvals, [approvalId]: change(approval) } } : state;
}

/** A new scope replaces every segment from its first day on. */
const withSegment = (segments: RateSegment[], segment: RateSegment): RateSegment[] => [...segments.filter((s) => s.from < segment.from), segment];

function withInvoice(state: CaseState, invoiceId: string, change: (i: Invoice) => Invoice): CaseState {
  const invoice = state.invoices[invoiceId];
  return invoice ? { ...state, invoices: { ...state.invoices, [invoiceId]: change(invoice) } } : state;
}

export function evolveCase(state: CaseState, event: CaseStreamEvent): CaseState {
  switch (event.type) {
    case 'CaseOpened':
      return { ...state, caseRef: event.data.caseRef, sozialraumId: event.data.sozialraumId };
    case 'ApprovalGranted': {
      const d = event.data;
      const approval: Approval = {
        approvalId: d.approvalId,
        legalBasis: d.legalBasis,
        setting: d.setting,
        rateType: d.rateType,
        bescheidDate: d.bescheidDate,
        start: d.start,
        end: d.end,
        segments: [d.segment],
        classification: d.classification,
        committedThrough: d.committedThrough,
        termination: null,
        committed: {},
        kostenbeitraege: [],
        revenue: {},
        kostenerstattungen: [],
      };
      return { ...state, approvals: { ...state.approvals, [d.approvalId]: approval }, approvalOrder: [...state.approvalOrder, d.approvalId] };
    }
    case 'ApprovalExtended': {
      const { segment } = event.data;
      return withApproval(state, event.data.approvalId, (a) => ({
        ...a,
        end: event.data.newEnd,
        committedThrough: event.data.committedThrough,
        segments: segment ? withSegment(a.segments, segment) : a.segments,
      }));
    }
    case 'ApprovalScopeChanged':
      return withApproval(state, event.data.approvalId, (a) => ({ ...a, segments: withSegment(a.segments, event.data.segment) }));
    case 'ApprovalTerminated':
      return withApproval(state, event.data.approvalId, (a) => ({
        ...a,
        end: event.data.effectiveEnd,
        termination: { reason: event.data.reason, effectiveEnd: event.data.effectiveEnd, note: event.data.note },
      }));
    case 'ApprovalRolledOver':
      return withApproval(state, event.data.approvalId, (a) => ({ ...a, committedThrough: Math.max(a.committedThrough, event.data.fiscalYear) }));
    case 'InvoiceSubmitted': {
      const d = event.data;
      const invoice: Invoice = { ...d, status: 'awaiting-first-verification', verifications: [], rejectionReason: null, reversalReason: null };
      return { ...state, invoices: { ...state.invoices, [d.invoiceId]: invoice }, invoiceOrder: [...state.invoiceOrder, d.invoiceId] };
    }
    case 'InvoiceVerified':
      return withInvoice(state, event.data.invoiceId, (i) => {
        const verifications = [...i.verifications, { step: event.data.step, verifiedBy: event.data.verifiedBy, on: event.businessDate ?? null }];
        return { ...i, verifications, status: verifications.length >= 2 ? 'awaiting-payment-order' : 'awaiting-second-verification' };
      });
    case 'InvoiceRejected':
      return withInvoice(state, event.data.invoiceId, (i) => ({ ...i, status: 'rejected', rejectionReason: event.data.reason }));
    case 'PaymentOrdered':
      return withInvoice(state, event.data.invoiceId, (i) => ({ ...i, status: 'paid' }));
    case 'PaymentReversed':
      return withInvoice(state, event.data.invoiceId, (i) => ({ ...i, status: 'reversed', reversalReason: event.data.reason }));
    case 'KostenbeitragFixed':
      return withApproval(state, event.data.approvalId, (a) => ({
        ...a,
        kostenbeitraege: [
          ...a.kostenbeitraege,
          { kostenbeitragId: event.data.kostenbeitragId, monthlyAmount: event.data.monthlyAmount, from: event.data.from, to: event.data.to },
        ],
      }));
    case 'KostenerstattungClaimed': {
      const { approvalId, ...claim } = event.data;
      return withApproval(state, approvalId, (a) => ({ ...a, kostenerstattungen: [...a.kostenerstattungen, claim] }));
    }
    case 'CommitmentRecorded':
    case 'CommitmentReleased': {
      const d = event.data;
      if (d.source.kind !== 'approval') return state;
      const sign = event.type === 'CommitmentRecorded' ? 1 : -1;
      return withApproval(state, d.source.id, (a) => ({
        ...a,
        committed: addLines(
          a.committed,
          d.fiscalYear,
          d.lines.map((l) => ({ key: lineKey(l.month, d.providerId), amount: new Decimal(l.amount).times(sign) })),
        ),
      }));
    }
    case 'RevenueRecorded': {
      const d = event.data;
      if (d.kind !== 'kostenbeitrag' || d.source.kind !== 'approval') return state;
      return withApproval(state, d.source.id, (a) => ({
        ...a,
        revenue: addLines(a.revenue, d.fiscalYear, [{ key: lineKey(d.month, null), amount: new Decimal(d.amount) }]),
      }));
    }
    default:
      return state;
  }
}

export const caseDecider: Decider<CaseState, CaseStreamEvent> = { initialState: initialCaseState, evolve: evolveCase };

/** Payments and verified invoices fix a month's amount; the active invoice of a month, if any. */
export function activeInvoices(state: CaseState, approvalId: string): Invoice[] {
  return state.invoiceOrder.map((id) => state.invoices[id]).filter((i) => i.approvalId === approvalId && i.status !== 'rejected' && i.status !== 'reversed');
}
