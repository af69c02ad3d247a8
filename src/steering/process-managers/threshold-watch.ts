import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';
import { EVENT_STORE, EventStore, StoredEvent, WrongExpectedVersion } from '../../../libs/event-store';
import { Inject } from '@nestjs/common';
import { AggregateStore, toNewEvent } from '../../../libs/ddd/aggregate-store';
import { deterministicEventId } from '../../../libs/ddd/deterministic-id';
import { systemContext } from '../../../libs/ddd/system-context';
import { PostgresEventStore } from '../../../libs/event-store/postgres/postgres-event-store';
import { isLedgerEventType } from '../../ledger/ledger-events';
import { streams } from '../../shared/stream-ids';
import { budgetContractDecider, contractInForce } from '../../budgets/domain/budget-contract';
import { forecastTimeline } from '../domain/forecast-timeline';
import { PLANNING_TYPES } from '../domain/planned-budget';
import { firstCrossings } from '../domain/thresholds';
import { decideCrossings } from '../domain/steering.decisions';
import { steeringDecider } from '../domain/steering-stream';
import { SteeringEvent } from '../domain/steering.events';
import { toBookEvent } from '../replay/sozialraum-year-replay';

const BUDGET_STREAM = /^([^/]+)\/budget\/([^/]+)\/(\d{4})$/;

/**
 * Process manager for R7: after every change of commitments or of B it recomputes the
 * business-date timeline of the affected Sozialraum-years and raises what is newly crossed. Its
 * events carry ids derived from what they state, so a replay, a rebuild or two instances can
 * never raise a threshold twice.
 */
@Injectable()
@AsProjection('threshold-watch')
export class ThresholdWatch implements Projection {
  readonly tables = ['steering_watch_index'];
  private readonly logger = new Logger('ThresholdWatch');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly pgStore: PostgresEventStore,
    private readonly aggregates: AggregateStore,
  ) {}

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    const touched = new Map<string, { tenantId: string; sozialraumId: string; fiscalYear: number; cause: StoredEvent }>();
    for (const event of events) {
      let key: { tenantId: string; sozialraumId: string; fiscalYear: number } | null = null;
      if (isLedgerEventType(event.type) && event.type !== 'RevenueRecorded') {
        const d: any = event.data;
        key = { tenantId: event.metadata.tenantId, sozialraumId: d.sozialraumId, fiscalYear: d.fiscalYear };
      } else if (PLANNING_TYPES.has(event.type)) {
        const m = BUDGET_STREAM.exec(event.streamId);
        if (m) key = { tenantId: m[1], sozialraumId: m[2], fiscalYear: Number(m[3]) };
      }
      if (!key) continue;
      await manager.query(
        `insert into steering_watch_index (tenant_id, sozialraum_id, fiscal_year, stream_id) values ($1, $2, $3, $4) on conflict do nothing`,
        [key.tenantId, key.sozialraumId, key.fiscalYear, event.streamId],
      );
      touched.set(`${key.tenantId}|${key.sozialraumId}|${key.fiscalYear}`, { ...key, cause: event });
    }
    for (const year of touched.values()) await this.evaluate(year.tenantId, year.sozialraumId, year.fiscalYear, year.cause, manager);
  }

  private async evaluate(tenantId: string, sozialraumId: string, fiscalYear: number, cause: StoredEvent, manager: EntityManager): Promise<void> {
    const rows: Array<{ stream_id: string }> = await manager.query(
      'select stream_id from steering_watch_index where tenant_id = $1 and sozialraum_id = $2 and fiscal_year = $3',
      [tenantId, sozialraumId, fiscalYear],
    );
    const events = (await this.pgStore.readStreams(rows.map((r) => r.stream_id))).map(toBookEvent);
    const contract = await this.aggregates.load(streams.contract(tenantId, sozialraumId), budgetContractDecider);
    const crossings = firstCrossings(forecastTimeline(sozialraumId, fiscalYear, events), (date) => contractInForce(contract.state, date).terms);
    const streamId = streams.steering(tenantId, sozialraumId, fiscalYear);
    for (let attempt = 0; attempt < 5; attempt++) {
      const steering = await this.aggregates.load(streamId, steeringDecider);
      const decided = decideCrossings(crossings, steering.state, sozialraumId, fiscalYear);
      if (decided.length === 0) return;
      const ctx = systemContext(tenantId, cause.metadata.businessDate ?? '', cause.eventId);
      const toAppend = decided.map((event) => ({ ...toNewEvent(event, { ...ctx, correlationId: cause.metadata.correlationId }), eventId: idOf(streamId, event) }));
      try {
        await this.store.append(streamId, toAppend, { expected: steering.version === 0 ? 'no_stream' : steering.version });
        this.logger.log(`${sozialraumId} ${fiscalYear}: ${decided.map((e) => `${e.type} on ${e.businessDate}`).join(', ')}`);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
      }
    }
  }
}

function idOf(streamId: string, event: SteeringEvent): string {
  if (event.type === 'ThresholdCrossingMoved') {
    return deterministicEventId(streamId, event.type, event.data.kind, String(event.data.previousDate), String(event.data.newDate), String(event.data.causeEventId));
  }
  // Raised at most once per fiscal year, whatever its date.
  return deterministicEventId(streamId, event.type);
}
