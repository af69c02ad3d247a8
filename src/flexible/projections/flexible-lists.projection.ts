import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';
import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { writeRowChanges } from '../../../libs/event-store/row-changes';
import { flexibleListChanges } from './flexible-lists.rows';

/** Keeps the subsidy and activity lists in step with the budget streams. */
@Injectable()
@AsProjection('flexible-lists')
export class FlexibleListsProjection implements Projection {
  readonly tables = ['flexible_subsidies', 'flexible_activities'];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    await writeRowChanges(manager, flexibleListChanges(events));
  }
}
