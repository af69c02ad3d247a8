import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../../libs/event-store/nest/projection.decorator';
import { StoredEvent } from '../../libs/event-store/event-store.port';
import { formatAmount } from '../../libs/money';
import { LedgerEvent, isLedgerEventType } from './ledger-events';
import { ledgerLines } from './ledger-lines';
import { LedgerEntryRow } from './ledger-entry.entity';

@Injectable()
@AsProjection('ledger-journal')
export class LedgerJournalProjection implements Projection {
  readonly tables = ['ledger_entries'];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    const rows: Partial<LedgerEntryRow>[] = [];
    for (const event of events) {
      if (!isLedgerEventType(event.type)) continue;
      ledgerLines({ type: event.type, data: event.data } as LedgerEvent).forEach((line, index) =>
        rows.push({
          eventId: event.eventId,
          line: index,
          globalPosition: event.globalPosition.toString(),
          tenantId: event.metadata.tenantId,
          streamId: event.streamId,
          eventType: event.type,
          ...line,
          amount: formatAmount(line.amount),
          businessDate: event.metadata.businessDate as string,
          recordedAt: event.recordedAt,
        }),
      );
    }
    if (rows.length) await manager.createQueryBuilder().insert().into(LedgerEntryRow).values(rows).orIgnore().execute();
  }
}
