import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';
import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { FlexibleEvent } from '../domain/flexible.events';

const BUDGET_STREAM = /^([^/]+)\/budget\/([^/]+)\/(\d{4})$/;

/** "ZUW-2025-12" → 12: the order of subsidies and activities within their year. */
const seqOf = (id: string) => Number(id.slice(id.lastIndexOf('-') + 1));

/**
 * Keeps the subsidy and activity lists in step with the budget streams. The figures that decide
 * (available money) are folded from the stream itself; these rows only serve lists and filters.
 */
@Injectable()
@AsProjection('flexible-lists')
export class FlexibleListsProjection implements Projection {
  readonly tables = ['flexible_subsidies', 'flexible_activities'];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    for (const stored of events) {
      const match = BUDGET_STREAM.exec(stored.streamId);
      if (!match) continue;
      const key = [match[1], match[2], Number(match[3])];
      const on = stored.metadata.businessDate ?? stored.recordedAt.toISOString().slice(0, 10);
      const at = stored.recordedAt;
      const subsidy = (set: string, id: string, values: unknown[]) =>
        manager.query(`update flexible_subsidies set ${set}, updated_at = $5 where tenant_id = $1 and sozialraum_id = $2 and fiscal_year = $3 and subsidy_id = $4`, [...key, id, at, ...values]);
      const activity = (set: string, id: string, values: unknown[]) =>
        manager.query(`update flexible_activities set ${set}, updated_at = $5 where tenant_id = $1 and sozialraum_id = $2 and fiscal_year = $3 and activity_id = $4`, [...key, id, at, ...values]);
      const event = { type: stored.type, data: stored.data } as FlexibleEvent;
      switch (event.type) {
        case 'SubsidyGranted': {
          const d = event.data;
          await manager.query(
            `insert into flexible_subsidies (tenant_id, sozialraum_id, fiscal_year, subsidy_id, seq, provider_id, category, purpose, bescheid_date, status, total, granted, instalments, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'granted', $10, $10, $11, $12) on conflict do nothing`,
            [...key, d.subsidyId, seqOf(d.subsidyId), d.providerId, d.category, d.purpose, d.bescheidDate, d.total, d.instalments.length, at],
          );
          break;
        }
        case 'SubsidyInstalmentPaymentOrdered':
          await subsidy('paid = paid + $6', event.data.subsidyId, [event.data.amount]);
          break;
        case 'SubsidyReclaimed':
          await subsidy(`status = 'reclaimed', granted = granted - $6, claimed = $7`, event.data.subsidyId, [event.data.released, event.data.claimed]);
          break;
        case 'SubsidyReclaimReceived':
          await subsidy('received = received + $6', event.data.subsidyId, [event.data.amount]);
          break;
        case 'FlexibleActivityReported': {
          const d = event.data;
          await manager.query(
            `insert into flexible_activities (tenant_id, sozialraum_id, fiscal_year, activity_id, seq, provider_id, category, activity_date, description, status, requested, reported_on, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'reported', $10, $11, $12) on conflict do nothing`,
            [...key, d.activityId, seqOf(d.activityId), d.providerId, d.category, d.activityDate, d.description, d.amount, on, at],
          );
          break;
        }
        case 'FlexibleActivityApproved':
          await activity(`status = 'approved', approved = $6, decided_on = $7`, event.data.activityId, [event.data.approvedAmount, on]);
          break;
        case 'FlexibleActivityRejected':
          await activity(`status = 'rejected', decided_on = $6`, event.data.activityId, [on]);
          break;
        case 'FlexibleActivityActualReported':
          await activity(`status = 'settled', actual = $6`, event.data.activityId, [event.data.actualAmount]);
          break;
        default:
          break;
      }
    }
  }
}
