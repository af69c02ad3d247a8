import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';
import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { writeRowChanges } from '../../../libs/event-store/row-changes';
import { notificationChanges } from './notifications.rows';

/** Notifications are steering events; this list makes them queryable per tenant. */
@Injectable()
@AsProjection('steering-notifications')
export class NotificationsProjection implements Projection {
  readonly tables = ['steering_notifications'];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    await writeRowChanges(manager, notificationChanges(events));
  }
}
