import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';
import { writeRowChanges } from '../../../libs/event-store/row-changes';
import { masterDataListChanges } from './master-data-lists.rows';

/**
 * The list views of Sozialräume and providers (filterable, paged); the full history is read from
 * the streams on the detail endpoints.
 */
@Injectable()
@AsProjection('master-data-lists')
export class MasterDataListsProjection implements Projection {
  readonly tables = ['md_sozialraeume', 'md_sozialraum_versions', 'md_verbund_versions', 'md_providers'];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    await writeRowChanges(manager, masterDataListChanges(events));
  }
}
