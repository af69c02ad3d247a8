import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';
import { EVENT_STORE, EventStore, LogCheckpoint, StoredEvent, compareCheckpoints } from '../../../libs/event-store';
import { AggregateStore, toDomainEvent } from '../../../libs/ddd/aggregate-store';
import { ConcurrencyConflict } from '../../../libs/ddd/domain-error';
import { deterministicEventId } from '../../../libs/ddd/deterministic-id';
import { systemContext } from '../../../libs/ddd/system-context';
import { PostgresEventStore } from '../../../libs/event-store/postgres/postgres-event-store';
import { streams } from '../../shared/stream-ids';
import { budgetContractDecider, contractInForce } from '../../budgets';
import { loadTimelineChanges, recordTimelineChanges } from '../projections/timeline-change-rows';
import { ThresholdFacts, decideThresholds } from '../domain/thresholds';
import { steeringDecider } from '../domain/steering-stream';
import { SteeringEvent } from '../domain/steering.events';

interface PendingYear {
  tenant_id: string;
  sozialraum_id: string;
  fiscal_year: number;
  cause_event_id: string;
  cause_business_date: string | null;
  cause_correlation_id: string;
}

const WATCH_CHANGES = 'steering_watch_changes';
const CONTRACT_STREAM = /^([^/]+)\/contract\/([^/]+)$/;

const checkpointOf = (event: StoredEvent): LogCheckpoint => ({ transactionId: event.transactionId, position: event.globalPosition });

/**
 * Process manager for R7: after every change of commitments or of B it recomputes the
 * business-date timeline of the affected Sozialraum-years and raises what is newly crossed.
 *
 * It decides on the log exactly as far as it has read it (the prefix up to the end of the batch),
 * never on newer events, and only once it has read past the newest event of the year's steering
 * stream: the crossings recorded there were decided on what the log held then. A year touched
 * earlier than that (during a rebuild, or while the watch catches up) waits in
 * steering_watch_pending. So a rebuild or a catch-up decides what the live watch decided and
 * writes nothing, and its events carry ids derived from what they state and the stream version
 * they follow, so two instances can never raise a threshold twice.
 */
@Injectable()
@AsProjection('threshold-watch')
export class ThresholdWatch implements Projection {
  readonly tables = [WATCH_CHANGES, 'steering_watch_pending'];
  private readonly logger = new Logger('ThresholdWatch');
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly pgStore: PostgresEventStore,
    /** Decides as every command does (load, decide purely, append on the loaded version), in the same queue per stream. */
    private readonly aggregates: AggregateStore,
  ) {}

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    if (events.length === 0) return;
    // Only a change of a year's forecast or B, or of the thresholds, can change its crossings.
    for (const { key, cause } of await recordTimelineChanges(manager, WATCH_CHANGES, events)) {
      await this.markPending(manager, cause, `values ($1, $2, $3::integer, $4::uuid, $5::text, $6::text)`, [key.tenantId, key.sozialraumId, key.fiscalYear]);
    }
    for (const event of events) {
      const contract = CONTRACT_STREAM.exec(event.streamId);
      // New thresholds may move or remove crossings of every year of the Sozialraum.
      if (contract) {
        await this.markPending(
          manager,
          event,
          `select distinct tenant_id, sozialraum_id, fiscal_year, $3::uuid, $4::text, $5::text from ${WATCH_CHANGES} where tenant_id = $1 and sozialraum_id = $2`,
          [contract[1], contract[2]],
        );
      }
    }
    const pending: PendingYear[] = await manager.query('select * from steering_watch_pending order by tenant_id, sozialraum_id, fiscal_year');
    if (pending.length === 0) return;
    const horizon = await this.completeHorizon(events);
    if (!horizon) return;
    for (const year of pending) {
      if (await this.evaluate(year, horizon, manager)) {
        await manager.query('delete from steering_watch_pending where tenant_id = $1 and sozialraum_id = $2 and fiscal_year = $3', [
          year.tenant_id,
          year.sozialraum_id,
          year.fiscal_year,
        ]);
      }
    }
  }

  /**
   * Marks the years that `rows` yields as pending, with the event that caused it (the latest cause
   * wins). `rows` takes the key parameters first, then the cause's id, business date, correlation.
   */
  private async markPending(manager: EntityManager, cause: StoredEvent, rows: string, keyParams: unknown[]): Promise<void> {
    await manager.query(
      `insert into steering_watch_pending (tenant_id, sozialraum_id, fiscal_year, cause_event_id, cause_business_date, cause_correlation_id)
       ${rows}
       on conflict (tenant_id, sozialraum_id, fiscal_year) do update
         set cause_event_id = excluded.cause_event_id, cause_business_date = excluded.cause_business_date, cause_correlation_id = excluded.cause_correlation_id`,
      [...keyParams, cause.eventId, cause.metadata.businessDate ?? null, cause.metadata.correlationId],
    );
  }

  /**
   * The end of the batch, or, when the batch stops inside a transaction (it is cut at a number of
   * events), the end of the last transaction it holds completely: one append may release and
   * record commitments of a year, and a state between the two never existed. Null when the batch
   * holds no complete transaction.
   */
  private async completeHorizon(events: StoredEvent[]): Promise<LogCheckpoint | null> {
    const last = events[events.length - 1];
    if (!(await this.pgStore.transactionContinuesAfter(checkpointOf(last)))) return checkpointOf(last);
    const complete = events.filter((e) => e.transactionId !== last.transactionId);
    return complete.length ? checkpointOf(complete[complete.length - 1]) : null;
  }

  /** Decides the year's crossings on the log up to `horizon`; false while that is not yet possible. */
  private async evaluate(year: PendingYear, horizon: LogCheckpoint, manager: EntityManager): Promise<boolean> {
    const { tenant_id: tenantId, sozialraum_id: sozialraumId, fiscal_year: fiscalYear } = year;
    const streamId = streams.steering(tenantId, sozialraumId, fiscalYear);
    const known = (event: StoredEvent) => compareCheckpoints(checkpointOf(event), horizon) <= 0;
    // The log as read up to the horizon: the year's changes of forecast and B, and the thresholds then in force.
    const changes = await loadTimelineChanges(manager, WATCH_CHANGES, { tenantId, sozialraumId, fiscalYear }, { upTo: horizon });
    const contractEvents = (await this.store.readStream(streams.contract(tenantId, sozialraumId))).filter(known);
    const contract = contractEvents.reduce(
      (s, e) => budgetContractDecider.evolve(s, toDomainEvent(e) as Parameters<typeof budgetContractDecider.evolve>[1]),
      budgetContractDecider.initialState,
    );
    const facts: ThresholdFacts = { changes, termsOn: (date) => contractInForce(contract, date).terms };
    const command = { sozialraumId, fiscalYear };
    const ctx = { ...systemContext(tenantId, year.cause_business_date ?? '', year.cause_event_id), correlationId: year.cause_correlation_id };
    try {
      const handled = await this.aggregates.handle(
        streamId,
        steeringDecider,
        ctx,
        {
          // Crossings recorded after the horizon were decided on a longer log than this one.
          facts: async () => {
            const [newest] = await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
            if (newest && !known(newest)) throw new StreamAheadOfWatch();
            return facts;
          },
          decide: (state, known) => decideThresholds(command, state, known),
        },
        // Ids derived from what the event states, so a replay recognises what the live watch wrote.
        { retryOnConflict: true, maxAttempts: 5, eventId: (event, version) => idOf(streamId, event as SteeringEvent, version - 1) },
      );
      if (handled.events.length) this.logger.log(`${sozialraumId} ${fiscalYear}: ${handled.events.map((e) => `${e.type} on ${e.businessDate}`).join(', ')}`);
      return true;
    } catch (error) {
      // The year stays pending: decided on a later batch, when the watch has read that far or the races are over.
      if (error instanceof StreamAheadOfWatch || error instanceof ConcurrencyConflict) return false;
      throw error;
    }
  }
}

/** The steering stream holds an event beyond the part of the log the watch has read. */
class StreamAheadOfWatch extends Error {}

/**
 * A raise is stated at most once per fiscal year, whatever its date. A move is stated by what it
 * moves and the version it follows: two instances deciding on the same state write the same event.
 */
function idOf(streamId: string, event: SteeringEvent, followsVersion: number): string {
  if (event.type === 'ThresholdCrossingMoved') {
    const d = event.data;
    return deterministicEventId(streamId, event.type, d.kind, String(d.previousDate), String(d.newDate), String(d.causeEventId), String(followsVersion));
  }
  return deterministicEventId(streamId, event.type);
}
