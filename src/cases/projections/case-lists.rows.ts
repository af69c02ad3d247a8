import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { eventsOf } from '../../../libs/event-store/event-union';
import { RowChange, appendDistinct } from '../../../libs/event-store/row-changes';
import { CaseDomainEvent } from '../domain/case.events';

export type CaseListTables = {
  case_approvals: {
    tenant_id: string;
    approval_id: string;
    case_ref?: string;
    sozialraum_id?: string;
    legal_basis?: string;
    rate_type?: string;
    provider_ids?: readonly string[];
    start_date?: string;
    end_date?: string | null;
    bescheid_date?: string;
    in_budget?: boolean;
    status?: 'running' | 'terminated';
    version: number;
  };
  case_invoices: {
    tenant_id: string;
    invoice_id: string;
    case_ref?: string;
    approval_id?: string;
    sozialraum_id?: string;
    provider_id?: string;
    service_month?: string;
    amount?: string;
    invoice_number?: string;
    status?: 'awaiting-first-verification' | 'awaiting-second-verification' | 'awaiting-payment-order' | 'rejected' | 'paid' | 'reversed';
    first_verifier?: string | null;
    submitted_at?: Date;
  };
};
export type CaseListChange = RowChange<CaseListTables>;

/** What an invoice's row takes from its approval's row. */
export interface ApprovalOfInvoice {
  tenantId: string;
  approvalId: string;
  caseRef: string;
  sozialraumId: string;
}

const CASE_STREAM = /^[^/]+\/case\/[^/]+$/;

const isCaseEvent = eventsOf<CaseDomainEvent>({
  CaseOpened: true,
  ApprovalGranted: true,
  ApprovalExtended: true,
  ApprovalScopeChanged: true,
  ApprovalTerminated: true,
  ApprovalRolledOver: true,
  InvoiceSubmitted: true,
  InvoiceVerified: true,
  InvoiceRejected: true,
  PaymentOrdered: true,
  PaymentReversed: true,
  KostenbeitragFixed: true,
  KostenerstattungClaimed: true,
});

const keyOf = (tenantId: string, approvalId: string) => `${tenantId}\u0000${approvalId}`;

/** The approvals whose rows the invoices submitted in these events take their case and Sozialraum from. */
export function approvalsOfInvoices(events: readonly StoredEvent[]): Array<{ tenantId: string; approvalId: string }> {
  const wanted = new Map<string, { tenantId: string; approvalId: string }>();
  for (const event of events) {
    if (!CASE_STREAM.test(event.streamId) || !isCaseEvent(event) || event.type !== 'InvoiceSubmitted') continue;
    const tenantId = event.metadata.tenantId;
    wanted.set(keyOf(tenantId, event.data.approvalId), { tenantId, approvalId: event.data.approvalId });
  }
  return [...wanted.values()];
}

/**
 * The changes of the approval and invoice lists. `approvals` are the rows of case_approvals the
 * invoices of these events belong to as stored before the batch (approvalsOfInvoices names them);
 * approvals granted in the batch itself are taken from their events.
 */
export function caseListChanges(events: readonly StoredEvent[], approvals: readonly ApprovalOfInvoice[]): CaseListChange[] {
  const known = new Map(approvals.map((a) => [keyOf(a.tenantId, a.approvalId), a]));
  const changes: CaseListChange[] = [];
  for (const event of events) {
    if (!CASE_STREAM.test(event.streamId) || !isCaseEvent(event)) continue;
    const tenantId = event.metadata.tenantId;
    const approval = (approvalId: string, set: Extract<CaseListChange, { table: 'case_approvals'; kind: 'update' }>['set']) =>
      changes.push({
        kind: 'update',
        table: 'case_approvals',
        where: { tenant_id: tenantId, approval_id: approvalId },
        set: { ...set, version: event.streamVersion },
      });
    const invoice = (invoiceId: string, set: Extract<CaseListChange, { table: 'case_invoices'; kind: 'update' }>['set']) =>
      changes.push({ kind: 'update', table: 'case_invoices', where: { tenant_id: tenantId, invoice_id: invoiceId }, set });
    switch (event.type) {
      case 'ApprovalGranted': {
        const d = event.data;
        changes.push({
          kind: 'insert',
          table: 'case_approvals',
          row: {
            tenant_id: tenantId,
            approval_id: d.approvalId,
            case_ref: d.caseRef,
            sozialraum_id: d.sozialraumId,
            legal_basis: d.legalBasis,
            rate_type: d.rateType,
            provider_ids: [d.segment.providerId],
            start_date: d.start,
            end_date: d.end,
            bescheid_date: d.bescheidDate,
            in_budget: d.classification.inBudget,
            status: 'running',
            version: event.streamVersion,
          },
          onConflict: 'ignore',
        });
        // As the insert, a row that exists keeps what it holds.
        const k = keyOf(tenantId, d.approvalId);
        if (!known.has(k)) known.set(k, { tenantId, approvalId: d.approvalId, caseRef: d.caseRef, sozialraumId: d.sozialraumId });
        break;
      }
      case 'ApprovalExtended':
        // Stored extensions before the scope of the extended period was recorded carry no segment.
        approval(event.data.approvalId, {
          end_date: event.data.newEnd,
          ...(event.data.segment ? { provider_ids: appendDistinct(event.data.segment.providerId) } : {}),
        });
        break;
      case 'ApprovalScopeChanged':
        approval(event.data.approvalId, { provider_ids: appendDistinct(event.data.segment.providerId) });
        break;
      case 'ApprovalTerminated':
        approval(event.data.approvalId, { end_date: event.data.effectiveEnd, status: 'terminated' });
        break;
      case 'InvoiceSubmitted': {
        const d = event.data;
        const of = known.get(keyOf(tenantId, d.approvalId));
        if (!of) throw new Error(`invoice ${d.invoiceId} of ${event.streamId} belongs to approval ${d.approvalId}, which case_approvals does not hold`);
        changes.push({
          kind: 'insert',
          table: 'case_invoices',
          row: {
            tenant_id: tenantId,
            invoice_id: d.invoiceId,
            case_ref: of.caseRef,
            approval_id: d.approvalId,
            sozialraum_id: of.sozialraumId,
            provider_id: d.providerId,
            service_month: d.serviceMonth,
            amount: d.amount,
            invoice_number: d.invoiceNumber,
            status: 'awaiting-first-verification',
            submitted_at: event.recordedAt,
          },
          onConflict: 'ignore',
        });
        break;
      }
      case 'InvoiceVerified':
        if (event.data.step === 'sachlich-richtig')
          invoice(event.data.invoiceId, { status: 'awaiting-second-verification', first_verifier: event.data.verifiedBy });
        else invoice(event.data.invoiceId, { status: 'awaiting-payment-order' });
        break;
      case 'InvoiceRejected':
        invoice(event.data.invoiceId, { status: 'rejected' });
        break;
      case 'PaymentOrdered':
        invoice(event.data.invoiceId, { status: 'paid' });
        break;
      case 'PaymentReversed':
        invoice(event.data.invoiceId, { status: 'reversed' });
        break;
    }
  }
  return changes;
}
