import { yearOf } from '../../../libs/calendar';
import { Decimal, formatAmount } from '../../../libs/money';
import { compareNumbers } from '../../../libs/order';
import { Static } from '../../../libs/http/contract/schema-types';
import { legalBasisLabel } from '../../shared/legal-basis';
import { CaseView } from '../cases.schemas';
import { Approval, CaseState, Invoice, splitKey } from '../domain/case-state';
import { approvedAmountOfMonth } from '../domain/approved-amounts';

const sum = (values: Iterable<Decimal.Value>) => [...values].reduce<Decimal>((s, v) => s.plus(v), new Decimal(0));

function yearFigures(state: CaseState, approval: Approval, year: number, providerId?: string) {
  const lines = Object.entries(approval.committed[year] ?? {}).filter(([key]) => !providerId || splitKey(key)[1] === providerId);
  const invoices = state.invoiceOrder
    .map((id) => state.invoices[id])
    .filter((i) => i.approvalId === approval.approvalId && yearOf(i.serviceMonth) === year && (!providerId || i.providerId === providerId));
  const committed = sum(lines.map(([, amount]) => amount));
  const invoiced = sum(invoices.filter((i) => i.status !== 'rejected' && i.status !== 'reversed').map((i) => i.amount));
  const actual = sum(invoices.filter((i) => i.status === 'paid').map((i) => i.amount));
  return {
    fiscalYear: year,
    committed: formatAmount(committed),
    invoiced: formatAmount(invoiced),
    actual: formatAmount(actual),
    openCommitment: formatAmount(committed.minus(actual)),
    // Kostenbeitrag and Kostenerstattung revenue concerns the parents and other authorities, not the provider.
    ...(providerId
      ? {}
      : {
          revenue: formatAmount(
            sum(Object.values(approval.revenue[year] ?? {})).plus(
              sum(approval.kostenerstattungen.filter((k) => yearOf(k.serviceMonth) === year).map((k) => k.amount)),
            ),
          ),
        }),
  };
}

function invoiceView(invoice: Invoice, approval: Approval) {
  return {
    invoiceId: invoice.invoiceId,
    providerId: invoice.providerId,
    serviceMonth: invoice.serviceMonth,
    quantity: invoice.quantity,
    amount: invoice.amount,
    // What the approval allows the provider for the month as it stands now (R3), beside what was invoiced.
    approvedAmount: formatAmount(approvedAmountOfMonth(approval, invoice.serviceMonth).get(invoice.providerId) ?? 0),
    invoiceNumber: invoice.invoiceNumber,
    leitwegId: invoice.leitwegId,
    status: invoice.status,
    verifications: invoice.verifications,
    rejectionReason: invoice.rejectionReason,
    reversalReason: invoice.reversalReason,
  };
}

/**
 * A case with its approvals: period, rate, classification (R1), and per fiscal year committed,
 * invoiced, actual and open commitment; commitments of years after `currentYear` are the
 * Vorbelastungen. A provider sees only its own approvals, invoices and figures: no revenue
 * (Kostenbeiträge, Kostenerstattungen), neither the lists nor the totals.
 */
export function caseView(state: CaseState, version: number, currentYear: number, providerId?: string): Static<typeof CaseView> {
  const approvals = state.approvalOrder
    .map((id) => state.approvals[id])
    .filter((a) => !providerId || a.segments.some((s) => s.providerId === providerId))
    .map((approval) => {
      const years = [
        ...new Set([
          ...Object.keys(approval.committed).map(Number),
          ...state.invoiceOrder
            .map((id) => state.invoices[id])
            .filter((i) => i.approvalId === approval.approvalId)
            .map((i) => yearOf(i.serviceMonth)),
        ]),
      ].sort(compareNumbers);
      const figures = years.map((y) => yearFigures(state, approval, y, providerId));
      return {
        approvalId: approval.approvalId,
        legalBasis: approval.legalBasis,
        help: legalBasisLabel(approval.legalBasis),
        setting: approval.setting,
        bescheidDate: approval.bescheidDate,
        period: { start: approval.start, end: approval.end },
        rateType: approval.rateType,
        rates: approval.segments.filter((s) => !providerId || s.providerId === providerId),
        classification: approval.classification,
        termination: approval.termination,
        status: approval.termination ? ('terminated' as const) : ('running' as const),
        committedThrough: approval.committedThrough,
        years: figures.filter((f) => f.fiscalYear <= currentYear),
        vorbelastungen: figures.filter((f) => f.fiscalYear > currentYear).map((f) => ({ fiscalYear: f.fiscalYear, committed: f.committed })),
        invoices: state.invoiceOrder
          .map((id) => state.invoices[id])
          .filter((i) => i.approvalId === approval.approvalId && (!providerId || i.providerId === providerId))
          .map((invoice) => invoiceView(invoice, approval)),
        ...(providerId ? {} : { kostenbeitraege: approval.kostenbeitraege, kostenerstattungen: approval.kostenerstattungen }),
      };
    });
  // Only a case that exists is shown (the callers refuse one that does not).
  return { caseRef: state.caseRef!, sozialraumId: state.sozialraumId!, version, approvals };
}
