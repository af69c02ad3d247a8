import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { AppendSignatureVerifier, ed25519AppendSigner } from '../../libs/event-store/audit/append-signature';
import { Pool, PoolClient } from 'pg';
import { CheckpointedConsumer, EventStore, PostgresEventStore, StoredEvent, UpcasterRegistry, pgTransactionRunner } from '../../libs/event-store';
import { createPool } from '../../libs/database/pool';
import { createTestDatabase, TestDatabase } from '../support/test-server';
import { ConsumerHarness, ContractSubject, TestConsumer, eventStoreContract } from './event-store.contract';

eventStoreContract('PostgreSQL', async (): Promise<ContractSubject> => {
  const database: TestDatabase = await createTestDatabase();
  const pool: Pool = createPool({ connectionString: database.url, max: 20 });
  await pool.query(`create table contract_seen (
      consumer text not null, event_id uuid not null, stream_id text not null, stream_version int not null,
      seq bigserial, primary key (consumer, event_id))`);
  const store = new PostgresEventStore(pool);
  const running = new Set<CheckpointedConsumer<PoolClient>>();

  const consumers: ConsumerHarness = {
    create(name, options = {}): TestConsumer {
      let processed = 0;
      let truncations = 0;
      const errors: unknown[] = [];
      const runner = pgTransactionRunner(pool);
      const pause = options.pauseAfterRead;
      // Only the consumer's batch reads go through readAll; pausing there pauses before the transaction.
      const consumerStore: EventStore = pause
        ? {
            append: (...args) => store.append(...args),
            readStream: (...args) => store.readStream(...args),
            streamVersion: (...args) => store.streamVersion(...args),
            headCheckpoint: () => store.headCheckpoint(),
            readAll: async (readOptions) => {
              const batch = await store.readAll(readOptions);
              if (batch.events.length > 0) await pause();
              return batch;
            },
          }
        : store;
      const consumer = new CheckpointedConsumer<PoolClient>({
        name,
        store: consumerStore,
        runner,
        onError: (error) => errors.push(error),
        connectionString: database.url,
        batchSize: options.batchSize ?? 100,
        idleDelayMs: 20,
        staleAfterMs: options.staleAfterMs,
        handler: async (events: StoredEvent[], tx) => {
          // One statement per batch, rows in the batch's order (seq); a replay of the whole log
          // should cost what the log costs, not a round trip per event. The primary key makes a
          // second delivery of an event fail loudly.
          await tx.query(
            `insert into contract_seen (consumer, event_id, stream_id, stream_version)
             select $1, e.event_id, e.stream_id, e.stream_version
               from unnest($2::uuid[], $3::text[], $4::int[]) with ordinality as e(event_id, stream_id, stream_version, n)
              order by e.n`,
            [name, events.map((e) => e.eventId), events.map((e) => e.streamId), events.map((e) => e.streamVersion)],
          );
          if (options.failAfterWrite?.(events)) throw new Error('simulated crash between read-model write and commit');
          processed += events.length;
        },
      });
      running.add(consumer);
      return {
        start: () => consumer.start(),
        stop: async () => {
          await consumer.stop();
          running.delete(consumer);
        },
        // No deadline of its own: a loaded machine may take long; jest's test timeout bounds it.
        waitUntilCaughtUp: () => consumer.waitUntilCaughtUp(Infinity),
        rebuild: () =>
          consumer.rebuild(async (tx) => {
            truncations++;
            await tx.query('delete from contract_seen where consumer = $1', [name]);
          }),
        processedByThisInstance: () => processed,
        errors: () => errors,
        isActive: () => consumer.isActive,
        truncations: () => truncations,
        status: () => consumer.status(),
      };
    },
    async readModel(name) {
      const { rows } = await pool.query('select event_id, stream_id, stream_version from contract_seen where consumer = $1 order by seq', [name]);
      const perStream = new Map<string, number[]>();
      for (const row of rows) {
        const list = perStream.get(row.stream_id) ?? [];
        list.push(Number(row.stream_version));
        perStream.set(row.stream_id, list);
      }
      return { eventIds: rows.map((r) => r.event_id), perStream };
    },
  };

  return {
    store,
    storeWithUpcasters: (registry: UpcasterRegistry) => new PostgresEventStore(pool, registry),
    async delayedAppend(streamId, events, delayMs) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await store.appendWith(client, streamId, events, { expected: 'any' });
        await new Promise((r) => setTimeout(r, delayMs));
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    async countEvents() {
      const { rows } = await pool.query('select count(*)::int as n from es_events');
      return rows[0].n;
    },
    consumers,
    async close() {
      for (const consumer of running) await consumer.stop();
      await pool.end();
      await database.drop();
    },
  };
});

describe('PostgreSQL event table', () => {
  it('is append-only: updates, deletes and truncation are refused', async () => {
    const database = await createTestDatabase();
    const pool = createPool({ connectionString: database.url, max: 2 });
    try {
      const store = new PostgresEventStore(pool);
      await store.append(
        'append-only-1',
        [{ type: 'Fact', data: { n: 1 }, metadata: { tenantId: 'T', actor: { userId: 'u', role: 'r', organisationId: 'o' }, correlationId: 'c' } }],
        { expected: 'no_stream' },
      );
      await expect(pool.query(`update es_events set data = '{"n": 2}'`)).rejects.toMatchObject({ code: 'ESAPP' });
      await expect(pool.query('delete from es_events')).rejects.toMatchObject({ code: 'ESAPP' });
      await expect(pool.query('truncate es_events')).rejects.toMatchObject({ code: 'ESAPP' });
      expect((await store.readStream('append-only-1'))[0].data).toEqual({ n: 1 });
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});

describe('PostgreSQL append signatures', () => {
  it('stores one signature per append on each of its rows, over the events as they read back; a retry keeps the original', async () => {
    const database = await createTestDatabase();
    const pool = createPool({ connectionString: database.url, max: 2 });
    try {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const store = new PostgresEventStore(pool, undefined, { signer: ed25519AppendSigner('test.example/audit', privateKey) });
      const metadata = { tenantId: 'T', actor: { userId: 'u', role: 'r', organisationId: 'o' }, correlationId: 'c', businessDate: '2025-03-01' };
      // Keys in an order jsonb does not keep, a fraction, nulls: what is signed is the JSON as it reads back.
      const events = [
        { eventId: randomUUID(), type: 'Fact', data: { zeta: { b: 1, a: 'x' }, amount: '10.50', ratio: 0.1, none: null, longer_key: true }, metadata },
        { eventId: randomUUID(), type: 'Fact', data: { n: [1, 2.5, null] }, metadata },
      ];
      await store.append('T/signed-1', events, { expected: 'no_stream' });
      await store.append('T/signed-1', events, { expected: 'no_stream' });
      await new PostgresEventStore(pool).append('T/signed-1', [{ type: 'Fact', data: {}, metadata }], { expected: 1 + 1 });
      const { rows } = await pool.query(
        `select event_id::text as event_id, type, schema_version, data, metadata, business_date::text as business_date, append_signature
           from es_events where stream_id = 'T/signed-1' order by stream_version`,
      );
      expect(rows).toHaveLength(3);
      expect(rows[0].append_signature).toMatch(/^test\.example\/audit /);
      expect(rows[1].append_signature).toBe(rows[0].append_signature);
      expect(rows[2].append_signature).toBeNull();
      const content = {
        streamId: 'T/signed-1',
        tenantId: 'T',
        events: rows.slice(0, 2).map((r) => ({
          eventId: r.event_id,
          type: r.type,
          schemaVersion: r.schema_version,
          data: r.data,
          metadata: r.metadata,
          businessDate: r.business_date,
        })),
      };
      expect(new AppendSignatureVerifier([publicKey]).check(rows[0].append_signature, content)).toBe('valid');
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});

describe('PostgreSQL append inside a caller transaction', () => {
  it('racing identical any appends answer with the original result instead of a unique violation', async () => {
    const database = await createTestDatabase();
    const pool = createPool({ connectionString: database.url, max: 12 });
    try {
      const store = new PostgresEventStore(pool);
      const metadata = { tenantId: 'T', actor: { userId: 'u', role: 'r', organisationId: 'o' }, correlationId: 'c' };
      for (let round = 0; round < 5; round++) {
        const id = `caller-tx-${round}`;
        await store.append(id, [{ type: 'First', data: {}, metadata }], { expected: 'no_stream' });
        const events = [1, 2].map((n) => ({ eventId: randomUUID(), type: 'Fact', data: { n }, metadata }));
        // Each retry runs in a transaction of its own caller: a unique violation would abort it.
        const results = await Promise.all(
          Array.from({ length: 10 }, async () => {
            const client = await pool.connect();
            try {
              await client.query('begin');
              const result = await store.appendWith(client, id, events, { expected: 'any' });
              await client.query('commit');
              return result;
            } catch (error) {
              await client.query('rollback');
              throw error;
            } finally {
              client.release();
            }
          }),
        );
        expect(results.filter((r) => !r.alreadyStored)).toHaveLength(1);
        const original = results.find((r) => !r.alreadyStored)!;
        for (const result of results) expect(result.positions).toEqual(original.positions);
        expect(original.streamVersion).toBe(3);
        expect(await store.streamVersion(id)).toBe(3);
        expect((await store.readStream(id)).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      }
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});

describe('PostgreSQL consumer whose batch connection dies before the commit', () => {
  it('after the connection is terminated between read-model write and commit, a restart equals a fresh rebuild', async () => {
    const database = await createTestDatabase();
    const pool = createPool({ connectionString: database.url, max: 6 });
    const admin = createPool({ connectionString: database.url, max: 2 });
    try {
      await pool.query('create table crash_counts (stream_id text primary key, events int not null)');
      const store = new PostgresEventStore(pool);
      const metadata = { tenantId: 'T', actor: { userId: 'u', role: 'r', organisationId: 'o' }, correlationId: 'c' };
      const streams = ['killed-a', 'killed-b', 'killed-c'];
      for (const id of streams)
        await store.append(
          id,
          Array.from({ length: 20 }, (_, n) => ({ type: 'Counted', data: { n }, metadata })),
          { expected: 'no_stream' },
        );
      let kills = 0;
      const errors: unknown[] = [];
      const consumer = (kill: boolean) =>
        new CheckpointedConsumer<PoolClient>({
          name: 'killed',
          store,
          runner: pgTransactionRunner(pool),
          connectionString: database.url,
          batchSize: 10,
          idleDelayMs: 20,
          onError: (error) => errors.push(error),
          handler: async (events, tx) => {
            // A counter, not a set: a batch applied twice would count twice.
            for (const e of events) {
              await tx.query('insert into crash_counts values ($1, 1) on conflict (stream_id) do update set events = crash_counts.events + 1', [e.streamId]);
            }
            if (!kill || kills >= 4) return;
            kills++;
            if (kills % 2 === 1) {
              await tx.query('select pg_terminate_backend(pg_backend_pid())');
            } else {
              // Terminated from another session; the transaction's next statement finds it gone.
              const { rows } = await tx.query('select pg_backend_pid() as pid');
              await admin.query('select pg_terminate_backend($1)', [rows[0].pid]);
              await tx.query('select 1');
            }
          },
        });
      const crashing = consumer(true);
      crashing.start();
      // However slow the machine: the four kills happen in the first batches.
      while (kills < 4) await new Promise((r) => setTimeout(r, 20));
      await crashing.stop();
      expect(kills).toBe(4);
      expect(errors.some((e: any) => e?.code === '57P01' || /terminat/i.test(String(e?.message)))).toBe(true);

      const restarted = consumer(false);
      restarted.start();
      await restarted.waitUntilCaughtUp(Infinity);
      await restarted.stop();
      const counts = async () => (await pool.query('select stream_id, events from crash_counts order by stream_id')).rows;
      const afterCrash = await counts();
      expect(afterCrash).toEqual(streams.map((id) => ({ stream_id: id, events: 20 })));

      const rebuilding = consumer(false);
      await rebuilding.rebuild(async (tx) => {
        await tx.query('truncate crash_counts');
      });
      await rebuilding.stop();
      expect(await counts()).toEqual(afterCrash);
    } finally {
      await admin.end();
      await pool.end();
      await database.drop();
    }
  });
});
