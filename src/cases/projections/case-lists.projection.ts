import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';

const CASE_STREAM = /^[^/]+\/case\/[^/]+$/;

/** Approval and invoice lists: provider views and the Wirtschaftliche Jugendhilfe's work queues. */
@Injectable()
@AsProjection('case-lists')
export class CaseListsProjection implements Projection {
  readonly tables = ['case_approvals', 'case_invoices'];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      if (!CASE_STREAM.test(event.streamId)) continue;
      const tenantId = event.metadata.tenantId;
      const d: any = event.data;
      const approval = (set: string, args: unknown[]) =>
        manager.query(`update case_approvals set ${set}, version = $3 where tenant_id = $1 and approval_id = $2`, [tenantId, d.approvalId, event.streamVersion, ...args]);
      const invoice = (set: string, args: unknown[] = []) =>
        manager.query(`update case_invoices set ${set} where tenant_id = $1 and invoice_id = $2`, [tenantId, d.invoiceId, ...args]);
      switch (event.type) {
        case 'ApprovalGranted':
          await manager.query(
            `insert into case_approvals (tenant_id, approval_id, case_ref, sozialraum_id, legal_basis, rate_type, provider_ids, start_date, end_date, bescheid_date, in_budget, status, version)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'running', $12) on conflict do nothing`,
            [tenantId, d.approvalId, d.caseRef, d.sozialraumId, d.legalBasis, d.rateType, [d.segment.providerId], d.start, d.end, d.bescheidDate, d.classification.inBudget, event.streamVersion],
          );
          break;
        case 'ApprovalExtended':
          await approval('end_date = $4', [d.newEnd]);
          // Stored extensions before the scope of the extended period was recorded carry no segment.
          if (d.segment) await approval(`provider_ids = case when $4 = any(provider_ids) then provider_ids else provider_ids || $4 end`, [d.segment.providerId]);
          break;
        case 'ApprovalScopeChanged':
          await approval(`provider_ids = case when $4 = any(provider_ids) then provider_ids else provider_ids || $4 end`, [d.segment.providerId]);
          break;
        case 'ApprovalTerminated':
          await approval(`end_date = $4, status = 'terminated'`, [d.effectiveEnd]);
          break;
        case 'InvoiceSubmitted': {
          const [caseRef, sozialraumId] = await this.caseOf(manager, tenantId, d.approvalId);
          await manager.query(
            `insert into case_invoices (tenant_id, invoice_id, case_ref, approval_id, sozialraum_id, provider_id, service_month, amount, invoice_number, status, submitted_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'awaiting-first-verification', $10) on conflict do nothing`,
            [tenantId, d.invoiceId, caseRef, d.approvalId, sozialraumId, d.providerId, d.serviceMonth, d.amount, d.invoiceNumber, event.recordedAt],
          );
          break;
        }
        case 'InvoiceVerified':
          if (d.step === 'sachlich-richtig') await invoice(`status = 'awaiting-second-verification', first_verifier = $3`, [d.verifiedBy]);
          else await invoice(`status = 'awaiting-payment-order'`);
          break;
        case 'InvoiceRejected':
          await invoice(`status = 'rejected'`);
          break;
        case 'PaymentOrdered':
          await invoice(`status = 'paid'`);
          break;
        case 'PaymentReversed':
          await invoice(`status = 'reversed'`);
          break;
      }
    }
  }

  private async caseOf(manager: EntityManager, tenantId: string, approvalId: string): Promise<[string, string]> {
    const [row] = await manager.query(`select case_ref, sozialraum_id from case_approvals where tenant_id = $1 and approval_id = $2`, [tenantId, approvalId]);
    return [row.case_ref, row.sozialraum_id];
  }
}
