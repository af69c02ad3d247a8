import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { eventsOf } from '../../../libs/event-store/event-union';
import { RowChange, add, subtract } from '../../../libs/event-store/row-changes';
import { FLEXIBLE_EVENT_TYPES, FlexibleCategory, FlexibleEvent } from '../domain/flexible.events';

type YearKey = { tenant_id: string; sozialraum_id: string; fiscal_year: number };

export type FlexibleListTables = {
  flexible_subsidies: YearKey & {
    subsidy_id: string;
    seq?: number;
    provider_id?: string;
    category?: FlexibleCategory;
    purpose?: string;
    bescheid_date?: string;
    status?: 'granted' | 'reclaimed';
    total?: string;
    granted?: string;
    paid?: string;
    claimed?: string;
    received?: string;
    instalments?: number;
    updated_at: Date;
  };
  flexible_activities: YearKey & {
    activity_id: string;
    seq?: number;
    provider_id?: string;
    category?: FlexibleCategory;
    activity_date?: string;
    description?: string;
    status?: 'reported' | 'approved' | 'rejected' | 'settled';
    requested?: string;
    approved?: string | null;
    actual?: string | null;
    reported_on?: string;
    decided_on?: string | null;
    updated_at: Date;
  };
};
export type FlexibleListChange = RowChange<FlexibleListTables>;
type Columns<T extends keyof FlexibleListTables> = Extract<FlexibleListChange, { table: T; kind: 'update' }>['set'];

const BUDGET_STREAM = /^([^/]+)\/budget\/([^/]+)\/(\d{4})$/;

const isFlexibleEvent = eventsOf<FlexibleEvent>(FLEXIBLE_EVENT_TYPES);

/** "ZUW-2025-12" → 12: the order of subsidies and activities within their year. */
const seqOf = (id: string) => Number(id.slice(id.lastIndexOf('-') + 1));

/**
 * The changes of the subsidy and activity lists from the budget streams. The figures that decide
 * (available money) are folded from the stream itself; these rows only serve lists and filters.
 */
export function flexibleListChanges(events: readonly StoredEvent[]): FlexibleListChange[] {
  const changes: FlexibleListChange[] = [];
  for (const event of events) {
    const match = BUDGET_STREAM.exec(event.streamId);
    if (!match || !isFlexibleEvent(event)) continue;
    const key: YearKey = { tenant_id: match[1], sozialraum_id: match[2], fiscal_year: Number(match[3]) };
    const on = event.metadata.businessDate ?? event.recordedAt.toISOString().slice(0, 10);
    const at = event.recordedAt;
    const subsidy = (subsidyId: string, set: Columns<'flexible_subsidies'>) =>
      changes.push({ kind: 'update', table: 'flexible_subsidies', where: { ...key, subsidy_id: subsidyId }, set: { ...set, updated_at: at } });
    const activity = (activityId: string, set: Columns<'flexible_activities'>) =>
      changes.push({ kind: 'update', table: 'flexible_activities', where: { ...key, activity_id: activityId }, set: { ...set, updated_at: at } });
    switch (event.type) {
      case 'SubsidyGranted': {
        const d = event.data;
        changes.push({
          kind: 'insert',
          table: 'flexible_subsidies',
          row: {
            ...key,
            subsidy_id: d.subsidyId,
            seq: seqOf(d.subsidyId),
            provider_id: d.providerId,
            category: d.category,
            purpose: d.purpose,
            bescheid_date: d.bescheidDate,
            status: 'granted',
            total: d.total,
            granted: d.total,
            instalments: d.instalments.length,
            updated_at: at,
          },
          onConflict: 'ignore',
        });
        break;
      }
      case 'SubsidyInstalmentPaymentOrdered':
        subsidy(event.data.subsidyId, { paid: add(event.data.amount) });
        break;
      case 'SubsidyReclaimed':
        subsidy(event.data.subsidyId, { status: 'reclaimed', granted: subtract(event.data.released), claimed: event.data.claimed });
        break;
      case 'SubsidyReclaimReceived':
        subsidy(event.data.subsidyId, { received: add(event.data.amount) });
        break;
      case 'FlexibleActivityReported': {
        const d = event.data;
        changes.push({
          kind: 'insert',
          table: 'flexible_activities',
          row: {
            ...key,
            activity_id: d.activityId,
            seq: seqOf(d.activityId),
            provider_id: d.providerId,
            category: d.category,
            activity_date: d.activityDate,
            description: d.description,
            status: 'reported',
            requested: d.amount,
            reported_on: on,
            updated_at: at,
          },
          onConflict: 'ignore',
        });
        break;
      }
      case 'FlexibleActivityApproved':
        activity(event.data.activityId, { status: 'approved', approved: event.data.approvedAmount, decided_on: on });
        break;
      case 'FlexibleActivityRejected':
        activity(event.data.activityId, { status: 'rejected', decided_on: on });
        break;
      case 'FlexibleActivityActualReported':
        activity(event.data.activityId, { status: 'settled', actual: event.data.actualAmount });
        break;
      case 'SubsidyUsageReported':
        break;
    }
  }
  return changes;
}
