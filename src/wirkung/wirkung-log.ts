import { Inject, Injectable } from '@nestjs/common';
import { Decider, DomainEvent, fold } from '../../libs/ddd/decider';
import { EVENT_STORE, EventStore, StoredEvent } from '../../libs/event-store';
import { BookEvent, BookView, SozialraumYearReplay, visible } from '../steering';
import { streams } from '../shared/stream-ids';
import { CatalogueState, catalogueDecider } from './domain/indicator-catalogue';
import { ReportedValuesState, reportedValuesDecider } from './domain/reported-values';
import { StatisticsState, statisticsDecider } from './domain/sozialraum-statistics';
import { TargetAgreementState, targetAgreementDecider } from './domain/target-agreement';

function asBookEvent(event: StoredEvent): BookEvent {
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
 * The streams R12 reads, each folded through a view (as of a business date, as known at a moment
 * or log position), so every figure of the Wirkung section answers for any past state exactly as
 * the budget figures do.
 */
@Injectable()
export class WirkungLog {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly replay: SozialraumYearReplay,
  ) {}

  async viewed<S, E extends DomainEvent>(streamId: string, decider: Decider<S, E>, view: BookView = {}): Promise<{ state: S; version: number }> {
    const stored = await this.store.readStream(streamId);
    const shown = stored.map(asBookEvent).filter((e) => visible(e, view));
    const state = fold(
      decider,
      shown.map((e) => ({ type: e.type, data: e.data, businessDate: e.businessDate }) as E),
    );
    return { state, version: stored.length ? stored[stored.length - 1].streamVersion : 0 };
  }

  catalogue(tenantId: string, view: BookView = {}): Promise<{ state: CatalogueState; version: number }> {
    return this.viewed(streams.indicatorCatalogue(tenantId), catalogueDecider, view);
  }

  statistics(tenantId: string, view: BookView = {}): Promise<{ state: StatisticsState; version: number }> {
    return this.viewed(streams.statistics(tenantId), statisticsDecider, view);
  }

  agreement(tenantId: string, sozialraumId: string, fiscalYear: number, view: BookView = {}): Promise<{ state: TargetAgreementState; version: number }> {
    return this.viewed(streams.targetAgreement(tenantId, sozialraumId, fiscalYear), targetAgreementDecider, view);
  }

  reports(tenantId: string, sozialraumId: string, fiscalYear: number, view: BookView = {}): Promise<{ state: ReportedValuesState; version: number }> {
    return this.viewed(streams.indicatorReports(tenantId, sozialraumId, fiscalYear), reportedValuesDecider, view);
  }

  /** The Sozialraum-year's case and budget events as the view shows them. */
  async yearEvents(tenantId: string, sozialraumId: string, fiscalYear: number, view: BookView): Promise<BookEvent[]> {
    const events = await this.replay.load(tenantId, sozialraumId, fiscalYear, view.knownAtPosition);
    return events.filter((e) => visible(e, view));
  }
}
