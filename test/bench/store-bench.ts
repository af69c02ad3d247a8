import { randomUUID } from 'node:crypto';
import { LOG_START, NewEvent, PostgresEventStore, WrongExpectedVersion } from '../../libs/event-store';
import { benchDatabase, machine, median, printTable, timed } from './bench-support';

/** Throughput and latency of the PostgreSQL event store: appends, contention, reads, catch-up. */
const metadata = { tenantId: 'BENCH', actor: { userId: 'bench', role: 'system', organisationId: 'BENCH' }, correlationId: randomUUID(), causationId: null, businessDate: '2025-06-01' };
const event = (n: number): NewEvent => ({ type: 'BenchEvent', data: { n, amount: '1234.56', note: 'Leistungsmonat 2025-06' }, metadata });

async function main(): Promise<void> {
  const db = await benchDatabase();
  const store = new PostgresEventStore(db.pool);
  const rate = (events: number, ms: number) => `${Math.round((events / ms) * 1000).toLocaleString('en')} events/s`;
  try {
    const single = await timed(async () => {
      for (let i = 0; i < 2000; i++) await store.append(`BENCH/single/${i}`, [event(i)], { expected: 'no_stream' });
    });
    const batched = await timed(async () => {
      for (let i = 0; i < 400; i++) await store.append(`BENCH/batch/${i}`, Array.from({ length: 10 }, (_, n) => event(n)), { expected: 'no_stream' });
    });
    const parallel = await timed(() =>
      Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          for (let i = 0; i < 300; i++) await store.append(`BENCH/writer-${w}/${i}`, [event(i)], { expected: 'no_stream' });
        }),
      ),
    );
    let conflicts = 0;
    const contended = await timed(() =>
      Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let i = 0; i < 50; i++) {
            for (;;) {
              const head = await store.readStream('BENCH/contended', { direction: 'backwards', maxCount: 1 });
              try {
                await store.append('BENCH/contended', [event(i)], { expected: head.length ? head[0].streamVersion : 'no_stream' });
                break;
              } catch (error) {
                if (!(error instanceof WrongExpectedVersion)) throw error;
                conflicts++;
              }
            }
          }
        }),
      ),
    );
    for (let i = 0; i < 10; i++) await store.append('BENCH/long', Array.from({ length: 1000 }, (_, n) => event(n)), { expected: 'any' });
    const reads: number[] = [];
    for (let i = 0; i < 5; i++) reads.push((await timed(() => store.readStream('BENCH/long'))).ms);
    const total = Number((await db.pool.query('select count(*) from es_events')).rows[0].count);
    const catchUp = await timed(async () => {
      let checkpoint = LOG_START;
      let seen = 0;
      for (;;) {
        const batch = await store.readAll({ after: checkpoint, batchSize: 500 });
        if (batch.events.length === 0) return seen;
        seen += batch.events.length;
        checkpoint = batch.checkpoint;
      }
    });

    console.log(`Event store benchmark, ${new Date().toISOString().slice(0, 10)}: ${machine(db.serverVersion)}`);
    printTable('Appends', [
      ['single writer, 1 event per append', `${rate(2000, single.ms)} (${(single.ms / 2000).toFixed(2)} ms per append)`],
      ['single writer, 10 events per append', rate(4000, batched.ms)],
      ['8 writers, separate streams', rate(2400, parallel.ms)],
      ['8 writers, one stream (400 appends)', `${rate(400, contended.ms)}, ${conflicts} conflicts retried`],
    ]);
    printTable('Reads', [
      ['readStream, 10,000-event stream (median of 5)', `${median(reads).toFixed(1)} ms`],
      [`readAll catch-up over ${total.toLocaleString('en')} events, batches of 500`, rate(catchUp.result, catchUp.ms)],
    ]);
    printTable('Ratios', [
      ['batch of 10 vs single append (events/s)', `${((4000 / batched.ms) / (2000 / single.ms)).toFixed(1)} ×`],
      ['8 parallel writers vs 1 writer (events/s)', `${((2400 / parallel.ms) / (2000 / single.ms)).toFixed(1)} ×`],
    ]);
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
