import { Static } from '../../../libs/http/contract/schema-types';
import { formatAmount } from '../../../libs/money';
import { approvalNotFound } from '../domain/approval.decisions';
import { invoiceCeilings } from '../domain/approved-amounts';
import { CaseState, activeInvoices } from '../domain/case-state';
import { ApprovedMonth } from '../cases.schemas';

/**
 * What a Leistungsmonat of an approval allows to invoice, per provider (R3, R4), and the invoice
 * that already claims it: the figures the Träger's invoice form shows before anything is sent.
 * A provider sees only its own ceiling, and an approval it does not deliver as not found.
 */
export function approvedMonthView(state: CaseState, approvalId: string, serviceMonth: string, providerId?: string): Static<typeof ApprovedMonth> {
  const approval = state.approvals[approvalId];
  if (!approval || (providerId !== undefined && !approval.segments.some((s) => s.providerId === providerId))) approvalNotFound(approvalId);
  const invoices = activeInvoices(state, approvalId).filter((i) => i.serviceMonth === serviceMonth);
  const ceilings = invoiceCeilings(approval, serviceMonth)
    .filter((c) => providerId === undefined || c.providerId === providerId)
    .map((c) => {
      const invoice = invoices.find((i) => i.providerId === c.providerId);
      return {
        providerId: c.providerId,
        unit: c.unit,
        approvedQuantity: c.quantity?.toString() ?? null,
        approvedAmount: formatAmount(c.amount),
        invoice: invoice ? { invoiceId: invoice.invoiceId, invoiceNumber: invoice.invoiceNumber, amount: invoice.amount, status: invoice.status } : null,
      };
    });
  return { caseRef: state.caseRef!, approvalId, serviceMonth, rateType: approval.rateType, ceilings };
}
