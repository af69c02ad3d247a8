import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';
import { writeRowChanges } from '../../../libs/event-store/row-changes';
import { ApprovalOfInvoice, approvalsOfInvoices, caseListChanges } from './case-lists.rows';

/** Approval and invoice lists: provider views and the Wirtschaftliche Jugendhilfe's work queues. */
@Injectable()
@AsProjection('case-lists')
export class CaseListsProjection implements Projection {
  readonly tables = ['case_approvals', 'case_invoices'];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    await writeRowChanges(manager, caseListChanges(events, await this.approvals(manager, approvalsOfInvoices(events))));
  }

  /** The stored approvals of the batch's invoices, in one query for the whole batch. */
  private async approvals(manager: EntityManager, wanted: Array<{ tenantId: string; approvalId: string }>): Promise<ApprovalOfInvoice[]> {
    if (!wanted.length) return [];
    const rows: Array<{ tenant_id: string; approval_id: string; case_ref: string; sozialraum_id: string }> = await manager.query(
      `select a.tenant_id, a.approval_id, a.case_ref, a.sozialraum_id
         from case_approvals a join unnest($1::text[], $2::text[]) as w(tenant_id, approval_id) using (tenant_id, approval_id)`,
      [wanted.map((w) => w.tenantId), wanted.map((w) => w.approvalId)],
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, approvalId: r.approval_id, caseRef: r.case_ref, sozialraumId: r.sozialraum_id }));
  }
}
