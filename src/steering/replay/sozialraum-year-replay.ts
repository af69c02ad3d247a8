import { Injectable } from '@nestjs/common';
import { PostgresEventStore } from '../../../libs/event-store/postgres/postgres-event-store';
import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { ProjectionRunner } from '../../../libs/event-store/nest/projection-runner';
import { LedgerQueries } from '../../ledger';
import { streams } from '../../shared/stream-ids';
import { BookEvent } from '../domain/book-event';

export function toBookEvent(event: StoredEvent): BookEvent {
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    type: event.type,
    data: event.data,
    businessDate: event.metadata.businessDate ?? event.recordedAt.toISOString().slice(0, 10),
    position: event.globalPosition,
    recordedAt: event.recordedAt,
  };
}

/**
 * Loads every event of a Sozialraum-year from the event log: its budget stream and every stream
 * that moved money of that year (case and approval streams, found through the ledger journal).
 * Steering folds them for any business date and any knowledge horizon.
 */
@Injectable()
export class SozialraumYearReplay {
  constructor(
    private readonly store: PostgresEventStore,
    private readonly ledger: LedgerQueries,
    private readonly projections: ProjectionRunner,
  ) {}

  async load(tenantId: string, sozialraumId: string, fiscalYear: number, upToPosition?: bigint): Promise<BookEvent[]> {
    // The journal only indexes which streams to read; the figures come from the events themselves.
    await this.projections.waitFor('ledger-journal');
    const ids = new Set(await this.ledger.streamsOf(tenantId, sozialraumId, fiscalYear));
    ids.add(streams.budget(tenantId, sozialraumId, fiscalYear));
    const events = await this.store.readStreams([...ids], upToPosition);
    return events.map(toBookEvent);
  }
}
