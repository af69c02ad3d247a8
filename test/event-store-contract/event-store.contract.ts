import { randomUUID } from 'node:crypto';
import {
  CheckpointMoved,
  EventIdConflict,
  EventStore,
  InvalidAppend,
  LOG_START,
  NewEvent,
  StoredEvent,
  UpcasterRegistry,
  WrongExpectedVersion,
} from '../../libs/event-store';

/** What an adapter under test provides to the contract suite. */
export interface ContractSubject {
  store: EventStore;
  storeWithUpcasters(registry: UpcasterRegistry): EventStore;
  /** Appends inside a transaction that stays open for `delayMs` before committing. */
  delayedAppend(streamId: string, events: NewEvent[], delayMs: number): Promise<void>;
  /** Number of events in the whole log (to prove that refused appends wrote nothing). */
  countEvents(): Promise<number>;
  consumers: ConsumerHarness;
  close(): Promise<void>;
}

/** A read model in the same database as the consumer checkpoint: every event id once. */
export interface ConsumerHarness {
  create(name: string, options?: TestConsumerOptions): TestConsumer;
  /** Rows of the read model: event ids it has counted, per stream in the order seen. */
  readModel(name: string): Promise<{ eventIds: string[]; perStream: Map<string, number[]> }>;
}

export interface TestConsumerOptions {
  /** Called in the handler after the read-model writes; true makes the batch fail before its commit. */
  failAfterWrite?: (events: StoredEvent[]) => boolean;
  /**
   * Awaited after the instance has read a non-empty batch and before it opens the batch's
   * transaction: a hung process (GC pause, frozen VM) that comes back later.
   */
  pauseAfterRead?: () => Promise<void>;
  batchSize?: number;
  staleAfterMs?: number;
}

export interface TestConsumer {
  start(): void;
  stop(): Promise<void>;
  /** Waits until every event appended before the call is processed, however long that takes. */
  waitUntilCaughtUp(): Promise<void>;
  rebuild(): Promise<number>;
  processedByThisInstance(): number;
  /** Errors the running loop reported (a fenced batch shows up here as CheckpointMoved). */
  errors(): unknown[];
  /** Whether this instance holds the consumer's lease. */
  isActive(): boolean;
  /** How often this instance truncated the read model (rebuild). */
  truncations(): number;
  status(): Promise<'live' | 'rebuilding'>;
}

export const TENANT = 'T-CONTRACT';

export function event(type = 'Something', data: unknown = { n: 1 }, eventId?: string): NewEvent {
  return {
    eventId,
    type,
    data,
    metadata: {
      tenantId: TENANT,
      actor: { userId: 'u-1', role: 'controller', organisationId: 'JA' },
      correlationId: randomUUID(),
      causationId: null,
      businessDate: '2025-03-01',
    },
  };
}

/**
 * Waits on a condition, however long a loaded machine takes; jest's test timeout is the only
 * bound, and `what` says in the test's code what it waited for.
 */
async function eventually(check: () => boolean | Promise<boolean>, _what: string): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}

function stream(): string {
  return `contract-${randomUUID()}`;
}

async function expectWrongVersion(promise: Promise<unknown>, expected: unknown, actual: number | null): Promise<void> {
  const error = await promise.then(
    () => null,
    (e) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersion);
  expect(error.expected).toEqual(expected);
  expect(error.actual).toEqual(actual);
}

export function eventStoreContract(adapterName: string, createSubject: () => Promise<ContractSubject>): void {
  describe(`event store contract: ${adapterName}`, () => {
    let subject: ContractSubject;
    let store: EventStore;

    beforeAll(async () => {
      subject = await createSubject();
      store = subject.store;
    });
    afterAll(async () => subject.close());

    describe('expected version', () => {
      it('no_stream creates a stream and refuses an existing one', async () => {
        const id = stream();
        const first = await store.append(id, [event(), event()], { expected: 'no_stream' });
        expect(first.streamVersion).toBe(2);
        expect(first.positions).toHaveLength(2);
        expect(first.positions[0] < first.positions[1]).toBe(true);
        expect(first.alreadyStored).toBe(false);
        await expectWrongVersion(store.append(id, [event()], { expected: 'no_stream' }), 'no_stream', 2);
      });

      it('an exact version must match the stream version', async () => {
        const id = stream();
        await store.append(id, [event()], { expected: 'no_stream' });
        const second = await store.append(id, [event()], { expected: 1 });
        expect(second.streamVersion).toBe(2);
        await expectWrongVersion(store.append(id, [event()], { expected: 1 }), 1, 2);
        await expectWrongVersion(store.append(stream(), [event()], { expected: 3 }), 3, null);
      });

      it('stream_exists refuses a missing stream and appends to an existing one', async () => {
        const id = stream();
        await expectWrongVersion(store.append(id, [event()], { expected: 'stream_exists' }), 'stream_exists', null);
        await store.append(id, [event()], { expected: 'any' });
        const result = await store.append(id, [event()], { expected: 'stream_exists' });
        expect(result.streamVersion).toBe(2);
      });

      it('any appends to new and existing streams', async () => {
        const id = stream();
        expect((await store.append(id, [event()], { expected: 'any' })).streamVersion).toBe(1);
        expect((await store.append(id, [event(), event()], { expected: 'any' })).streamVersion).toBe(3);
      });

      it('of racing no_stream creators exactly one wins', async () => {
        const id = stream();
        const results = await Promise.allSettled(Array.from({ length: 10 }, () => store.append(id, [event()], { expected: 'no_stream' })));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const losers = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
        expect(losers).toHaveLength(9);
        for (const loser of losers) expect(loser.reason).toBeInstanceOf(WrongExpectedVersion);
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('of racing exact-version writers exactly one wins', async () => {
        const id = stream();
        await store.append(id, [event()], { expected: 'no_stream' });
        const results = await Promise.allSettled(Array.from({ length: 8 }, () => store.append(id, [event()], { expected: 1 })));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(await store.streamVersion(id)).toBe(2);
      });

      it('stores all of 20 parallel any appends with versions 1..20', async () => {
        const id = stream();
        const before = await subject.countEvents();
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(id, [event('Parallel', { i })], { expected: 'any' })));
        expect(results.map((r) => r.streamVersion).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        const stored = await store.readStream(id);
        expect(stored.map((e) => e.streamVersion)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(new Set(stored.map((e) => (e.data as any).i)).size).toBe(20);
        expect(await subject.countEvents()).toBe(before + 20);
      });
    });

    describe('envelope and reads', () => {
      it('stores the envelope with database-set recordedAt', async () => {
        const id = stream();
        const e = event('Enveloped', { amount: '12.50' }, randomUUID());
        const { positions } = await store.append(id, [{ ...e, schemaVersion: 2 }], { expected: 'no_stream' });
        const [stored] = await store.readStream(id);
        expect(stored).toMatchObject({
          eventId: e.eventId,
          streamId: id,
          streamVersion: 1,
          globalPosition: positions[0],
          type: 'Enveloped',
          schemaVersion: 2,
          data: { amount: '12.50' },
          metadata: e.metadata,
        });
        expect(typeof stored.transactionId).toBe('bigint');
        expect(stored.recordedAt).toBeInstanceOf(Date);
        expect(Math.abs(stored.recordedAt.getTime() - Date.now())).toBeLessThan(60_000);
      });

      it('reads a stream forwards and backwards from a version', async () => {
        const id = stream();
        await store.append(
          id,
          [1, 2, 3, 4, 5].map((n) => event('N', { n })),
          { expected: 'no_stream' },
        );
        const forwards = await store.readStream(id, { fromVersion: 2, maxCount: 2 });
        expect(forwards.map((e) => (e.data as any).n)).toEqual([2, 3]);
        const backwards = await store.readStream(id, { direction: 'backwards', fromVersion: 4 });
        expect(backwards.map((e) => (e.data as any).n)).toEqual([4, 3, 2, 1]);
        const head = await store.readStream(id, { direction: 'backwards', maxCount: 1 });
        expect(head[0].streamVersion).toBe(5);
        expect(await store.readStream(stream())).toEqual([]);
      });

      it('reads the global log forwards from a checkpoint in batches', async () => {
        const id = stream();
        const { positions } = await store.append(
          id,
          Array.from({ length: 7 }, (_, n) => event('Batch', { n })),
          { expected: 'no_stream' },
        );
        const seen: StoredEvent[] = [];
        let checkpoint = LOG_START;
        // An empty batch can also mean "not safely visible yet": transactions in flight anywhere in
        // the cluster hold the log back (xid horizon), so read on until our events arrived.
        for (;;) {
          const batch = await store.readAll({ after: checkpoint, batchSize: 3 });
          if (batch.events.length === 0) {
            if (seen.filter((e) => e.streamId === id).length >= positions.length) break;
            await new Promise((resolve) => setTimeout(resolve, 20));
            continue;
          }
          expect(batch.events.length).toBeLessThanOrEqual(3);
          seen.push(...batch.events);
          checkpoint = batch.checkpoint;
        }
        const mine = seen.filter((e) => e.streamId === id);
        expect(mine.map((e) => e.globalPosition)).toEqual(positions);
        expect(new Set(seen.map((e) => e.eventId)).size).toBe(seen.length);
      });

      it('upcasts old schema versions when reading', async () => {
        const registry = new UpcasterRegistry()
          .register('Renamed', 1, (d) => ({ amount: d.betrag }))
          .register('Renamed', 2, (d) => ({ ...d, currency: 'EUR' }));
        const upcasting = subject.storeWithUpcasters(registry);
        const id = stream();
        await store.append(id, [event('Renamed', { betrag: '5.00' })], { expected: 'no_stream' });
        const [stored] = await upcasting.readStream(id);
        expect(stored.schemaVersion).toBe(3);
        expect(stored.data).toEqual({ amount: '5.00', currency: 'EUR' });
        const [raw] = await store.readStream(id);
        expect(raw.data).toEqual({ betrag: '5.00' });
      });
    });

    describe('idempotency by event id', () => {
      it('a retry with the same ids returns the original result without writing', async () => {
        const id = stream();
        const events = [event('A', { x: 1 }, randomUUID()), event('B', { x: 2 }, randomUUID())];
        const first = await store.append(id, events, { expected: 'no_stream' });
        const before = await subject.countEvents();
        const retry = await store.append(id, events, { expected: 'no_stream' });
        expect(retry).toEqual({ ...first, alreadyStored: true });
        const parallel = await Promise.all([1, 2, 3].map(() => store.append(id, events, { expected: 'any' })));
        for (const result of parallel) expect(result.positions).toEqual(first.positions);
        expect(await subject.countEvents()).toBe(before);
      });

      // Several rounds: in one round the first append may commit before the others even start.
      it('10 racing retries of a no_stream append all return the original result, stored once', async () => {
        for (let round = 0; round < 5; round++) {
          const id = stream();
          const events = [event('A', { x: 1 }, randomUUID()), event('B', { x: 2 }, randomUUID())];
          const before = await subject.countEvents();
          const results = await Promise.all(Array.from({ length: 10 }, () => store.append(id, events, { expected: 'no_stream' })));
          const original = results.find((r) => !r.alreadyStored);
          expect(original).toBeDefined();
          expect(results.filter((r) => !r.alreadyStored)).toHaveLength(1);
          for (const result of results) expect({ ...result, alreadyStored: false }).toEqual(original);
          expect(original!.streamVersion).toBe(2);
          const stored = await store.readStream(id);
          expect(stored.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
          expect(stored.map((e) => e.globalPosition)).toEqual(original!.positions);
          expect(await subject.countEvents()).toBe(before + 2);
        }
      });

      it('10 racing retries of an exact-version append all return the original result, stored once', async () => {
        for (let round = 0; round < 5; round++) {
          const id = stream();
          await store.append(id, [event('First')], { expected: 'no_stream' });
          const events = [event('A', { x: 1 }, randomUUID()), event('B', { x: 2 }, randomUUID()), event('C', { x: 3 }, randomUUID())];
          const before = await subject.countEvents();
          const results = await Promise.all(Array.from({ length: 10 }, () => store.append(id, events, { expected: 1 })));
          const original = results.find((r) => !r.alreadyStored);
          expect(original).toBeDefined();
          expect(results.filter((r) => !r.alreadyStored)).toHaveLength(1);
          for (const result of results) expect({ ...result, alreadyStored: false }).toEqual(original);
          expect(original!.streamVersion).toBe(4);
          expect(await store.streamVersion(id)).toBe(4);
          const stored = await store.readStream(id, { fromVersion: 2 });
          expect(stored.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
          expect(stored.map((e) => e.globalPosition)).toEqual(original!.positions);
          expect(await subject.countEvents()).toBe(before + 3);
          // The stream goes on from the original's version, not from a step a retry took.
          expect((await store.append(id, [event('Next')], { expected: 4 })).streamVersion).toBe(5);
        }
      });

      it('10 racing retries of an any append all return the original result, stored once', async () => {
        const id = stream();
        await store.append(id, [event('First')], { expected: 'no_stream' });
        const events = [event('A', { x: 1 }, randomUUID()), event('B', { x: 2 }, randomUUID())];
        const before = await subject.countEvents();
        const results = await Promise.all(Array.from({ length: 10 }, () => store.append(id, events, { expected: 'any' })));
        const original = results.find((r) => !r.alreadyStored);
        expect(results.filter((r) => !r.alreadyStored)).toHaveLength(1);
        for (const result of results) expect({ ...result, alreadyStored: false }).toEqual(original);
        expect(await store.streamVersion(id)).toBe(3);
        expect(await subject.countEvents()).toBe(before + 2);
      });

      it('the same id with different content is an error', async () => {
        const id = stream();
        const eventId = randomUUID();
        await store.append(id, [event('A', { x: 1 }, eventId)], { expected: 'no_stream' });
        const before = await subject.countEvents();
        await expect(store.append(id, [event('A', { x: 2 }, eventId)], { expected: 'any' })).rejects.toBeInstanceOf(EventIdConflict);
        await expect(store.append(stream(), [event('A', { x: 1 }, eventId)], { expected: 'any' })).rejects.toBeInstanceOf(EventIdConflict);
        await expect(store.append(id, [event('A', { x: 1 }, eventId), event('B')], { expected: 'any' })).rejects.toBeInstanceOf(EventIdConflict);
        expect(await subject.countEvents()).toBe(before);
      });
    });

    describe('bad input is refused and writes nothing', () => {
      const cases: Array<[string, () => Promise<unknown>]> = [
        ['unknown expectation mode', () => store.append(stream(), [event()], { expected: 'sometimes' as any })],
        ['negative version', () => store.append(stream(), [event()], { expected: -1 })],
        ['empty event list', () => store.append(stream(), [], { expected: 'any' })],
        ['oversize event', () => store.append(stream(), [event('Big', { blob: 'x'.repeat(1024 * 1024 + 1) })], { expected: 'any' })],
        ['non-JSON data (function)', () => store.append(stream(), [event('Bad', { f: () => 1 })], { expected: 'any' })],
        ['non-JSON data (NaN)', () => store.append(stream(), [event('Bad', { n: Number.NaN })], { expected: 'any' })],
        ['non-JSON data (Date)', () => store.append(stream(), [event('Bad', { d: new Date() })], { expected: 'any' })],
        ['non-JSON data (bigint)', () => store.append(stream(), [event('Bad', { b: 1n })], { expected: 'any' })],
        ['missing tenant', () => store.append(stream(), [{ ...event(), metadata: { ...event().metadata, tenantId: '' } }], { expected: 'any' })],
        ['missing actor', () => store.append(stream(), [{ ...event(), metadata: { ...event().metadata, actor: undefined as any } }], { expected: 'any' })],
        ['mixed tenants', () => store.append(stream(), [event(), { ...event(), metadata: { ...event().metadata, tenantId: 'OTHER' } }], { expected: 'any' })],
        ['malformed event id', () => store.append(stream(), [event('A', {}, 'not-a-uuid')], { expected: 'any' })],
        [
          'malformed business date',
          () => store.append(stream(), [{ ...event(), metadata: { ...event().metadata, businessDate: '2025-13-45x' } }], { expected: 'any' }),
        ],
      ];
      it.each(cases)('%s', async (_name, attempt) => {
        const before = await subject.countEvents();
        await expect(attempt()).rejects.toBeInstanceOf(InvalidAppend);
        expect(await subject.countEvents()).toBe(before);
      });
    });

    describe('consumers', () => {
      it('see every event exactly once, in stream order, while 8 writers commit late', async () => {
        const consumer = subject.consumers.create('stress', { batchSize: 200 });
        consumer.start();
        const writers = 8;
        const perWriter = 640;
        const batch = 5;
        const streams = Array.from({ length: writers }, () => Array.from({ length: 4 }, stream));
        const appended: string[][] = [];
        await Promise.all(
          streams.map(async (ids, w) => {
            const mine: string[] = [];
            appended[w] = mine;
            for (let i = 0; i < perWriter / batch; i++) {
              const id = ids[i % ids.length];
              const events = Array.from({ length: batch }, (_, k) => event('Stress', { w, i, k }, randomUUID()));
              mine.push(...events.map((e) => e.eventId as string));
              await subject.delayedAppend(id, events, Math.floor(Math.random() * 6));
            }
          }),
        );
        await consumer.waitUntilCaughtUp();
        await consumer.stop();
        const model = await subject.consumers.readModel('stress');
        const expected = appended.flat();
        expect(expected.length).toBeGreaterThanOrEqual(5000);
        const counted = new Set(model.eventIds);
        expect(model.eventIds.length).toBe(counted.size);
        for (const eventId of expected) expect(counted.has(eventId)).toBe(true);
        for (const id of streams.flat()) {
          const versions = model.perStream.get(id) ?? [];
          expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
          expect(versions.length).toBe(perWriter / 4);
        }
      });

      it('after a crash between read-model write and commit, a restart equals a fresh rebuild', async () => {
        const id = stream();
        await store.append(
          id,
          Array.from({ length: 50 }, (_, n) => event('Crash', { n })),
          { expected: 'no_stream' },
        );
        let crashes = 0;
        const crashing = subject.consumers.create('crashy', { batchSize: 20, failAfterWrite: () => crashes++ < 3 });
        crashing.start();
        await eventually(() => crashes >= 3, 'three batches crashed');
        await crashing.stop();
        expect(crashes).toBeGreaterThanOrEqual(3);
        const restarted = subject.consumers.create('crashy', { batchSize: 500 });
        restarted.start();
        await restarted.waitUntilCaughtUp();
        await restarted.stop();
        const afterCrash = await subject.consumers.readModel('crashy');
        expect(new Set(afterCrash.eventIds).size).toBe(afterCrash.eventIds.length);
        expect(afterCrash.perStream.get(id)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

        const rebuilding = subject.consumers.create('crashy');
        await rebuilding.rebuild();
        await rebuilding.stop();
        const rebuilt = await subject.consumers.readModel('crashy');
        expect([...rebuilt.eventIds].sort()).toEqual([...afterCrash.eventIds].sort());
        expect(rebuilt.perStream.get(id)).toEqual(afterCrash.perStream.get(id));
      });

      it('a stale lease is taken over, and the stale holder coming back commits no batch', async () => {
        const id = stream();
        await store.append(
          id,
          Array.from({ length: 10 }, (_, n) => event('Lease', { n })),
          { expected: 'no_stream' },
        );
        let frozen = false;
        let reachedPause!: () => void;
        const paused = new Promise<void>((resolve) => (reachedPause = resolve));
        let thaw!: () => void;
        const thawed = new Promise<void>((resolve) => (thaw = resolve));
        // A heartbeats every staleAfterMs / 3 = 20 s, so after taking the lease it does not heartbeat
        // again within this test: to B, whose staleAfterMs is 300 ms, it looks like a hung process.
        const a = subject.consumers.create('takeover', {
          staleAfterMs: 60_000,
          pauseAfterRead: async () => {
            if (!frozen) return;
            reachedPause();
            await thawed;
          },
        });
        a.start();
        await a.waitUntilCaughtUp();
        expect(a.isActive()).toBe(true);
        const processedByA = a.processedByThisInstance();
        expect(processedByA).toBeGreaterThanOrEqual(10);

        // A reads the next batch and hangs before committing it, holding the lease.
        frozen = true;
        await store.append(
          id,
          Array.from({ length: 10 }, (_, n) => event('Lease', { n: 10 + n })),
          { expected: 10 },
        );
        await paused;
        const b = subject.consumers.create('takeover', { staleAfterMs: 300 });
        b.start();
        await b.waitUntilCaughtUp();
        expect(b.processedByThisInstance()).toBeGreaterThanOrEqual(10);
        await eventually(() => !a.isActive(), 'the stale holder notices that its lease session is gone');

        // A comes back with the batch it read before the takeover: the commit is refused.
        thaw();
        await eventually(() => a.errors().some((e) => e instanceof CheckpointMoved), 'the stale batch is fenced off');
        expect(a.processedByThisInstance()).toBe(processedByA);

        // B keeps the lease; A stays a standby that processes nothing.
        await store.append(id, [event('Lease', { n: 20 })], { expected: 20 });
        await b.waitUntilCaughtUp();
        await new Promise((r) => setTimeout(r, 300));
        expect(a.isActive()).toBe(false);
        expect(b.isActive()).toBe(true);
        expect(a.processedByThisInstance()).toBe(processedByA);
        await a.stop();
        await b.stop();
        const model = await subject.consumers.readModel('takeover');
        expect(new Set(model.eventIds).size).toBe(model.eventIds.length);
        expect(model.perStream.get(id)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
      });

      async function interruptedRebuild(name: string): Promise<{ id: string; partial: string[] }> {
        const id = stream();
        for (let k = 0; k < 5; k++) {
          await store.append(
            id,
            Array.from({ length: 50 }, (_, n) => event('Rebuilt', { n: k * 50 + n })),
            { expected: k === 0 ? 'no_stream' : k * 50 },
          );
        }
        const live = subject.consumers.create(name, { batchSize: 500 });
        live.start();
        await live.waitUntilCaughtUp();
        await live.stop();
        // Batches of 100 from a log that ends with these 250 events: the batch holding n = 150 fails,
        // every batch before it has committed.
        const interrupted = subject.consumers.create(name, {
          batchSize: 100,
          failAfterWrite: (events) => events.some((e) => e.streamId === id && (e.data as any).n === 150),
        });
        await expect(interrupted.rebuild()).rejects.toThrow(/simulated crash/);
        await interrupted.stop();
        expect(interrupted.truncations()).toBe(1);
        expect(await interrupted.status()).toBe('rebuilding');
        const partial = await subject.consumers.readModel(name);
        const ours = partial.perStream.get(id) ?? [];
        expect(ours.length).toBeGreaterThan(0);
        expect(ours.length).toBeLessThan(151);
        return { id, partial: partial.eventIds };
      }

      async function expectEqualToFreshRebuild(name: string, id: string): Promise<void> {
        const model = await subject.consumers.readModel(name);
        expect(new Set(model.eventIds).size).toBe(model.eventIds.length);
        expect(model.perStream.get(id)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
        const fresh = subject.consumers.create(`${name}-fresh`, { batchSize: 500 });
        await fresh.rebuild();
        await fresh.stop();
        const rebuilt = await subject.consumers.readModel(`${name}-fresh`);
        expect([...model.eventIds].sort()).toEqual([...rebuilt.eventIds].sort());
      }

      it('an interrupted rebuild resumes from its checkpoint without truncating again', async () => {
        const { id, partial } = await interruptedRebuild('resumable');
        const resumed = subject.consumers.create('resumable', { batchSize: 500 });
        await resumed.rebuild();
        await resumed.stop();
        expect(resumed.truncations()).toBe(0);
        expect(await resumed.status()).toBe('live');
        const model = await subject.consumers.readModel('resumable');
        // What the interrupted run committed is kept, not replayed.
        expect(model.eventIds.slice(0, partial.length)).toEqual(partial);
        await expectEqualToFreshRebuild('resumable', id);
      });

      it('an interrupted rebuild finished by the running consumer turns live at the head', async () => {
        const { id } = await interruptedRebuild('finished-live');
        const worker = subject.consumers.create('finished-live', { batchSize: 100 });
        worker.start();
        await worker.waitUntilCaughtUp();
        await eventually(async () => (await worker.status()) === 'live', 'status back to live');
        await worker.stop();
        expect(worker.truncations()).toBe(0);
        await expectEqualToFreshRebuild('finished-live', id);
      });

      it('of two instances with the same name only one processes', async () => {
        const id = stream();
        const first = subject.consumers.create('single', { staleAfterMs: 60_000 });
        const second = subject.consumers.create('single', { staleAfterMs: 60_000 });
        first.start();
        await store.append(
          id,
          Array.from({ length: 20 }, (_, n) => event('Single', { n })),
          { expected: 'no_stream' },
        );
        // Once the first has processed something it holds the lease; only then the second starts.
        await first.waitUntilCaughtUp();
        second.start();
        await store.append(
          id,
          Array.from({ length: 10 }, (_, n) => event('Single', { n: 20 + n })),
          { expected: 20 },
        );
        await first.waitUntilCaughtUp();
        await new Promise((r) => setTimeout(r, 300));
        expect(first.processedByThisInstance()).toBeGreaterThanOrEqual(30);
        expect(second.processedByThisInstance()).toBe(0);
        await first.stop();
        await store.append(id, [event('Single', { n: 30 })], { expected: 30 });
        await second.waitUntilCaughtUp();
        expect(second.processedByThisInstance()).toBeGreaterThanOrEqual(1);
        await second.stop();
        const model = await subject.consumers.readModel('single');
        expect(model.perStream.get(id)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
      });
    });
  });
}
