import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, NewEvent, StoredEvent, WrongExpectedVersion } from '../event-store';
import { CommandContext, satisfiesIfMatch } from './command-context';
import { ConcurrencyConflict, PreconditionFailed } from './domain-error';
import { Decider, DomainEvent, fold } from './decider';
import { KeyedQueue } from './keyed-queue';

export interface Loaded<S> {
  state: S;
  version: number;
  events: StoredEvent[];
}

export interface HandleOptions {
  /**
   * Whether the command may be re-decided on the newer state after losing a race to another
   * process (true for commands whose decision depends only on the aggregate and on facts looked up
   * inside `decide`). Otherwise a lost race is a 409.
   */
  retryOnConflict?: boolean;
  /** Maximum decisions when races to another process are lost (default 10). */
  maxAttempts?: number;
  /**
   * Ids for the decided events, from the event and the stream version it will have: for a process
   * manager whose events must be recognisable when it decides the same again (otherwise random).
   */
  eventId?: (event: DomainEvent, streamVersion: number) => string;
}

/**
 * How a command is decided on one stream: first the facts it needs from outside the stream are
 * looked up (they may depend on the loaded state, e.g. the Sozialraum a case belongs to), then a
 * pure function decides on state and facts. After a race lost to another process both run again
 * on the newer state, so a decision never rests on facts looked up for an older one.
 */
export interface Decision<S, E extends DomainEvent, F = undefined> {
  facts?: (state: S) => Promise<F>;
  decide: (state: S, facts: F) => E[];
  /**
   * Prepares the decided events for the log, e.g. seals free text with the key of an id the
   * decision made. What it answers is appended, folded and returned.
   */
  prepare?: (events: E[]) => Promise<E[]>;
}

export interface Handled<S, E> {
  state: S;
  version: number;
  events: E[];
  positions: bigint[];
}

/** Delay before the next decision after a lost race: full jitter over an exponential ceiling. */
export function conflictBackoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(250, 5 * 2 ** Math.min(attempt, 10));
  return Math.floor(random() * ceiling);
}

/**
 * Loads an aggregate by folding its stream, decides, appends with optimistic concurrency.
 *
 * Commands to one stream are decided one after another in this process, in arrival order (a
 * queue per stream): twenty writers to one case or one budget never race each other here, each
 * decides on the state its predecessor left, exactly as if they had come one by one. Races remain
 * only with other processes (a second API, the worker); those are re-decided after a jittered
 * backoff, so they converge instead of colliding again in lockstep.
 */
@Injectable()
export class AggregateStore {
  private readonly queue = new KeyedQueue();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load<S, E extends DomainEvent>(streamId: string, decider: Decider<S, E>): Promise<Loaded<S>> {
    const events = await this.store.readStream(streamId);
    const state = fold(
      decider,
      events.map((e) => toDomainEvent(e) as E),
    );
    return { state, version: events.length ? events[events.length - 1].streamVersion : 0, events };
  }

  handle<S, E extends DomainEvent, F = undefined>(
    streamId: string,
    decider: Decider<S, E>,
    ctx: CommandContext,
    decision: Decision<S, E, F>,
    options: HandleOptions = {},
  ): Promise<Handled<S, E>> {
    const decide = async (state: S): Promise<E[]> => {
      const events = decision.decide(state, decision.facts ? await decision.facts(state) : (undefined as F));
      return decision.prepare && events.length ? decision.prepare(events) : events;
    };
    return this.queue.run(streamId, () => this.decideAndAppend(streamId, decider, ctx, decide, options));
  }

  private async decideAndAppend<S, E extends DomainEvent>(
    streamId: string,
    decider: Decider<S, E>,
    ctx: CommandContext,
    decide: (state: S) => Promise<E[]>,
    options: HandleOptions,
  ): Promise<Handled<S, E>> {
    const maxAttempts = options.maxAttempts ?? 10;
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(streamId, decider);
      if (ctx.expectedVersion !== undefined && !satisfiesIfMatch(ctx.expectedVersion, loaded.version)) {
        throw new PreconditionFailed(ctx.expectedVersion, loaded.version);
      }
      // Dated before folding, so the returned state carries the business dates a reload reads.
      const events = (await decide(loaded.state)).map((e) => ({ ...e, businessDate: e.businessDate ?? ctx.businessDate }));
      if (events.length === 0) return { state: loaded.state, version: loaded.version, events, positions: [] };
      try {
        const result = await this.store.append(
          streamId,
          events.map((e, i) => ({ ...toNewEvent(e, ctx), ...(options.eventId ? { eventId: options.eventId(e, loaded.version + i + 1) } : {}) })),
          {
            expected: loaded.version === 0 ? 'no_stream' : loaded.version,
          },
        );
        const state = fold(decider, events, loaded.state);
        return { state, version: result.streamVersion, events, positions: result.positions };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        // A named version is gone once another write landed; `If-Match: *` still holds on the newer state.
        if (typeof ctx.expectedVersion === 'number') throw new PreconditionFailed(ctx.expectedVersion, error.actual);
        if (!options.retryOnConflict || attempt >= maxAttempts) throw new ConcurrencyConflict();
        await new Promise((resolve) => setTimeout(resolve, conflictBackoffMs(attempt)));
      }
    }
  }
}

export function toNewEvent(event: DomainEvent, ctx: CommandContext): NewEvent {
  return {
    type: event.type,
    data: event.data,
    metadata: {
      tenantId: ctx.tenantId,
      actor: { userId: ctx.actor.userId, role: ctx.actor.role, organisationId: ctx.actor.organisationId },
      correlationId: ctx.correlationId,
      causationId: ctx.causationId,
      requestId: ctx.requestId,
      ...(ctx.commandId ? { commandId: ctx.commandId } : {}),
      businessDate: event.businessDate ?? ctx.businessDate,
    },
  };
}

export function toDomainEvent(stored: StoredEvent): DomainEvent {
  return { type: stored.type, data: stored.data, businessDate: stored.metadata.businessDate ?? undefined };
}
