import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { ed25519AppendSigner } from '../../libs/event-store/audit/append-signature';
import { PoolClient } from 'pg';
import { CheckpointedConsumer, LOG_START, NewEvent, PostgresEventStore, StoredEvent, WrongExpectedVersion, pgTransactionRunner } from '../../libs/event-store';
import { benchDatabase, machine, median, percentile, printTable, timed } from './bench-support';

/**
 * The event store against a raw baseline measured in the same run on the same database: plain
 * single-row INSERTs of an event-shaped row at concurrency 16 and a keyset scan of that table.
 * Besides: 8 writers on distinct streams and on one contended stream (optimistic concurrency with
 * retries), and reading one 10,000-event stream.
 */
const CATCH_UP_EVENTS = Number(process.env.BENCH_CATCH_UP_EVENTS ?? 200_000);
const metadata = {
  tenantId: 'BENCH',
  actor: { userId: 'bench', role: 'system', organisationId: 'BENCH' },
  correlationId: randomUUID(),
  causationId: null,
  businessDate: '2025-06-01',
};
const data = (n: number) => ({ n, sozialraumId: 'HRO-TW', fiscalYear: 2025, month: '2025-06', amount: '1234.56', reference: `TW-25-001-B1-R${n}` });
const event = (n: number): NewEvent => ({ type: 'BenchEvent', data: data(n), metadata });

async function concurrently(workers: number, perWorker: number, work: (worker: number, i: number) => Promise<unknown>): Promise<void> {
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < perWorker; i++) await work(w, i);
    }),
  );
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  // Signed like the application's appends; the same appends unsigned are measured beside them.
  const store = new PostgresEventStore(db.pool, undefined, { signer: ed25519AppendSigner('bench.example/audit', generateKeyPairSync('ed25519').privateKey) });
  const unsigned = new PostgresEventStore(db.pool);
  const rate = (events: number, ms: number) => (events / ms) * 1000;
  const fmt = (r: number) => `${Math.round(r).toLocaleString('en')} events/s`;
  try {
    // Raw baseline: an event-shaped row, one INSERT per statement, 16 connections.
    await db.pool.query(
      `create table bench_raw (id bigserial primary key, stream_id text not null, type text not null, data jsonb not null, metadata jsonb not null, recorded_at timestamptz not null default now())`,
    );
    const rawInsert = await timed(() =>
      concurrently(16, 500, (w, i) =>
        db.pool.query('insert into bench_raw (stream_id, type, data, metadata) values ($1, $2, $3, $4)', [`raw-${w}-${i}`, 'BenchEvent', data(i), metadata]),
      ),
    );
    const rawInsertRate = rate(8000, rawInsert.ms);

    const single1 = await timed(() => concurrently(1, 2000, (_w, i) => store.append(`BENCH/c1/${i}`, [event(i)], { expected: 'no_stream' })));
    // Signed (as the application appends) and unsigned in turns, A B A B A B, so that neither gets
    // the warmer database; single events and batches of 10 at concurrency 16.
    const inTurns = async (events: number, perWorker: number) => {
      const runs = { signed: [] as number[], unsigned: [] as number[] };
      for (let round = 0; round < 3; round++) {
        for (const [kind, s] of [
          ['signed', store],
          ['unsigned', unsigned],
        ] as const) {
          const run = await timed(() =>
            concurrently(16, perWorker, (w, i) =>
              s.append(
                `BENCH/${kind}-${events}/${round}/${w}/${i}`,
                Array.from({ length: events }, (_, n) => event(n)),
                { expected: 'no_stream' },
              ),
            ),
          );
          runs[kind].push(run.ms);
        }
      }
      const mean = (values: number[]) => ({ ms: values.reduce((x, y) => x + y) / values.length });
      return { signed: mean(runs.signed), unsigned: mean(runs.unsigned) };
    };
    const c16 = await inTurns(1, 500);
    const b10c16 = await inTurns(10, 50);
    const single16 = c16.signed;
    const batch10 = await timed(() =>
      concurrently(1, 400, (_w, i) =>
        store.append(
          `BENCH/b10/${i}`,
          Array.from({ length: 10 }, (_, n) => event(n)),
          { expected: 'no_stream' },
        ),
      ),
    );
    const batch10x16 = b10c16.signed;

    // 8 writers: each on its own streams, then all on one stream (read head, append at that version, retry on conflict).
    const distinct8 = await timed(() => concurrently(8, 250, (w, i) => store.append(`BENCH/d8/${w}/${i}`, [event(i)], { expected: 'no_stream' })));
    let conflicts = 0;
    const contended8 = await timed(() =>
      concurrently(8, 50, async (_w, i) => {
        for (;;) {
          const version = await store.streamVersion('BENCH/contended');
          try {
            return await store.append('BENCH/contended', [event(i)], { expected: version ?? 'no_stream' });
          } catch (error) {
            if (!(error instanceof WrongExpectedVersion)) throw error;
            conflicts++;
          }
        }
      }),
    );

    // One long stream (10,000 events), read whole: first, median and p95 of 20 reads.
    for (let i = 0; i < 10; i++)
      await store.append(
        'BENCH/long',
        Array.from({ length: 1000 }, (_, n) => event(n)),
        { expected: 'any' },
      );
    const streamReads: number[] = [];
    for (let i = 0; i < 20; i++) {
      const read = await timed(() => store.readStream('BENCH/long'));
      if (read.result.length !== 10_000) throw new Error(`readStream returned ${read.result.length} events`);
      streamReads.push(read.ms);
    }
    const lastHundred = await timed(() => store.readStream('BENCH/long', { direction: 'backwards', maxCount: 100 }));

    // Fill the log to the catch-up size with 100-event appends, then copy as many raw rows for the scan baseline.
    const existing = Number((await db.pool.query('select count(*) from es_events')).rows[0].count);
    const missing = Math.max(0, CATCH_UP_EVENTS - existing);
    await concurrently(8, Math.ceil(missing / 800), (w, i) =>
      store.append(
        `BENCH/fill/${w}/${i}`,
        Array.from({ length: 100 }, (_, n) => event(n)),
        { expected: 'no_stream' },
      ),
    );
    await db.pool.query(`insert into bench_raw (stream_id, type, data, metadata) select stream_id, type, data, metadata from es_events`);
    const total = Number((await db.pool.query('select count(*) from es_events')).rows[0].count);
    const rawRows = Number((await db.pool.query('select count(*) from bench_raw')).rows[0].count);

    const rawScan = await timed(async () => {
      let after = 0;
      let seen = 0;
      for (;;) {
        const { rows } = await db.pool.query('select * from bench_raw where id > $1 order by id limit 1000', [after]);
        if (rows.length === 0) return seen;
        seen += rows.length;
        after = Number(rows[rows.length - 1].id);
      }
    });
    const catchUp = await timed(async () => {
      let checkpoint = LOG_START;
      let seen = 0;
      for (;;) {
        const batch = await store.readAll({ after: checkpoint, batchSize: 1000 });
        if (batch.events.length === 0) return seen;
        seen += batch.events.length;
        checkpoint = batch.checkpoint;
      }
    });

    // Consumer lag under write load: 16 writers for ~10 s while a consumer projects every event.
    const lags: number[] = [];
    let lagRecording = false;
    const consumer = new CheckpointedConsumer<PoolClient>({
      name: 'bench-lag',
      store,
      runner: pgTransactionRunner(db.pool),
      connectionString: db.url,
      batchSize: 500,
      idleDelayMs: 20,
      handler: async (events: StoredEvent[], tx) => {
        await tx.query('select 1');
        const now = Date.now();
        if (lagRecording) for (const e of events) if (e.streamId.startsWith('BENCH/load/')) lags.push(now - e.recordedAt.getTime());
      },
    });
    consumer.start();
    await consumer.waitUntilCaughtUp(300_000);
    lagRecording = true;
    const loadUntil = Date.now() + 10_000;
    let loadEvents = 0;
    const load = await timed(() =>
      Promise.all(
        Array.from({ length: 16 }, async (_, w) => {
          for (let i = 0; Date.now() < loadUntil; i++) {
            await store.append(`BENCH/load/${w}/${i}`, [event(i)], { expected: 'no_stream' });
            loadEvents++;
          }
        }),
      ),
    );
    await consumer.waitUntilCaughtUp(60_000);
    await consumer.stop();

    console.log(`Event store benchmark, ${new Date().toISOString().slice(0, 10)}: ${machine(db.serverVersion)}`);
    printTable('Raw baseline (same database, same run)', [
      ['single-row INSERT, concurrency 16', fmt(rawInsertRate)],
      [`keyset scan of ${rawRows.toLocaleString('en')} rows, pages of 1000`, fmt(rate(rawScan.result, rawScan.ms))],
    ]);
    const vsInsert = (r: number) => `${fmt(r)}  (${(r / rawInsertRate).toFixed(2)} × raw INSERT)`;
    printTable('Event store', [
      ['append 1 event, concurrency 1', vsInsert(rate(2000, single1.ms))],
      ['append 1 event, concurrency 16 (signed, mean of 3 runs)', vsInsert(rate(8000, c16.signed.ms))],
      ['append 1 event, concurrency 16, unsigned (3 runs in turns)', vsInsert(rate(8000, c16.unsigned.ms))],
      ['append 10 events, concurrency 1', vsInsert(rate(4000, batch10.ms))],
      ['append 10 events, concurrency 16 (signed, mean of 3 runs)', vsInsert(rate(8000, batch10x16.ms))],
      ['append 10 events, concurrency 16, unsigned (3 runs in turns)', vsInsert(rate(8000, b10c16.unsigned.ms))],
      [
        `catch-up read of ${catchUp.result.toLocaleString('en')} events (${total.toLocaleString('en')} in the log)`,
        `${fmt(rate(catchUp.result, catchUp.ms))}  (${(rate(catchUp.result, catchUp.ms) / rate(rawScan.result, rawScan.ms)).toFixed(2)} × raw scan)`,
      ],
      ['append 1 event, 8 writers on distinct streams', vsInsert(rate(2000, distinct8.ms))],
      [
        'append 1 event, 8 writers on one stream (400 appends)',
        `${fmt(rate(400, contended8.ms))}, ${conflicts.toLocaleString('en')} conflicts retried (WrongExpectedVersion)`,
      ],
      [
        'readStream of a 10,000-event stream',
        `median ${median(streamReads).toFixed(1)} ms, p95 ${percentile(streamReads, 95).toFixed(1)} ms (${fmt(10_000 / (median(streamReads) / 1000))})`,
      ],
      ['readStream backwards, last 100 events of it', `${lastHundred.ms.toFixed(1)} ms`],
      [
        `consumer lag under load (${fmt(rate(loadEvents, load.ms))} appended)`,
        `p50 ${median(lags)} ms, p99 ${percentile(lags, 99)} ms, max ${Math.max(...lags)} ms over ${lags.length.toLocaleString('en')} events`,
      ],
    ]);
    const r = (events: number, ms: number) => rate(events, ms);
    const signedShare = (runs: { signed: { ms: number }; unsigned: { ms: number } }) => runs.unsigned.ms / runs.signed.ms;
    printTable('Ratios', [
      ['10-event batches vs single appends, concurrency 1', `${(r(4000, batch10.ms) / r(2000, single1.ms)).toFixed(1)} ×`],
      ['concurrency 16 vs 1, single appends', `${(r(8000, single16.ms) / r(2000, single1.ms)).toFixed(1)} ×`],
      ['one contended stream vs distinct streams, 8 writers', `${(r(400, contended8.ms) / r(2000, distinct8.ms)).toFixed(2)} ×`],
      ['signed vs unsigned, 1 event, concurrency 16', `${signedShare(c16).toFixed(2)} ×`],
      ['signed vs unsigned, 10 events, concurrency 16', `${signedShare(b10c16).toFixed(2)} ×`],
      ['catch-up read vs single appends, concurrency 16', `${(r(catchUp.result, catchUp.ms) / r(8000, single16.ms)).toFixed(0)} ×`],
    ]);
    for (const [name, runs] of [
      ['append signing, 1 event per append', c16],
      ['append signing, 10 events per append', b10c16],
    ] as const) {
      const lost = 1 - signedShare(runs);
      console.log(`target ${name}: ${(lost * 100).toFixed(0)} % of the unsigned rate at concurrency 16 (goal at most 10 %) ${lost <= 0.1 ? 'met' : 'missed'}`);
    }
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
