import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../../libs/event-store/nest/projection.decorator';
import { StoredEvent } from '../../libs/event-store/event-store.port';
import { writeRowChanges } from '../../libs/event-store/row-changes';
import { ledgerJournalChanges } from './ledger-journal.rows';

/** The ledger_entries journal: which streams moved money of a Sozialraum-year, and how much. */
@Injectable()
@AsProjection('ledger-journal')
export class LedgerJournalProjection implements Projection {
  readonly tables = ['ledger_entries'];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    await writeRowChanges(manager, ledgerJournalChanges(events));
  }
}
