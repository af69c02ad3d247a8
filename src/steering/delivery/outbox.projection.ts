import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';
import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { notificationChanges } from '../projections/notifications.rows';
import { notificationId } from './delivery-rules';

interface SubscriptionRow {
  subscription_id: string;
  tenant_id: string;
  channel: string;
  sozialraum_id: string | null;
  types: string[];
  created_at: Date;
}

/**
 * Feeds the outbox from the log: one row per steering notification and matching subscription,
 * written in the batch transaction of this consumer's checkpoint, so a crash leaves both or
 * neither and a row is never lost or written twice (its id is derived, the insert ignores a
 * second one). A subscription receives what is recorded after it was made, not the history.
 * The outbox rows are a read model (a rebuild truncates and replays them to the same rows); their
 * delivery rows are not: a rebuild leaves them, so nothing delivered is delivered again.
 */
@Injectable()
@AsProjection('notification-outbox')
export class NotificationOutboxProjection implements Projection {
  readonly tables = ['notification_outbox'];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    const notifications = notificationChanges(events).flatMap((change) => (change.kind === 'insert' ? [change.row] : []));
    if (notifications.length === 0) return;
    const tenants = [...new Set(notifications.map((n) => n.tenant_id))];
    const subscriptions: SubscriptionRow[] = await manager.query(
      // An ended subscription receives nothing more, whenever the event it would be told of was recorded.
      `select subscription_id, tenant_id, channel, sozialraum_id, types, created_at from notification_subscriptions where tenant_id = any($1::text[]) and ended_at is null`,
      [tenants],
    );
    for (const n of notifications) {
      for (const s of subscriptions) {
        if (s.tenant_id !== n.tenant_id || !s.types.includes(n.type)) continue;
        if (s.sozialraum_id !== null && s.sozialraum_id !== n.sozialraum_id) continue;
        if (new Date(s.created_at).getTime() > n.recorded_at.getTime()) continue;
        const id = notificationId(n.event_id, s.subscription_id);
        const payload = {
          notificationId: id,
          eventId: n.event_id,
          position: n.global_position,
          type: n.type,
          tenantId: n.tenant_id,
          sozialraumId: n.sozialraum_id,
          fiscalYear: n.fiscal_year,
          businessDate: n.business_date,
          recordedAt: n.recorded_at.toISOString(),
          summary: n.summary,
          data: JSON.parse(n.data),
        };
        await manager.query(
          `insert into notification_outbox (notification_id, tenant_id, subscription_id, event_id, global_position, channel, recorded_at, payload)
           values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) on conflict (notification_id) do nothing`,
          [id, n.tenant_id, s.subscription_id, n.event_id, n.global_position, s.channel, n.recorded_at, JSON.stringify(payload)],
        );
        await manager.query(`insert into notification_deliveries (notification_id, tenant_id) values ($1, $2) on conflict (notification_id) do nothing`, [
          id,
          n.tenant_id,
        ]);
      }
    }
  }
}
