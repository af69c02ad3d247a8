import { randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { CheckpointedConsumer, PostgresEventStore, UpcasterRegistry, pgTransactionRunner, verifyAuditChain } from '../../libs/event-store';
import { AuditChainProjection } from '../../libs/event-store/audit/audit-chain.projection';
import { createPool } from '../../libs/database/pool';
import { createTestDatabase, TestDatabase } from '../support/test-server';

const metadata = {
  tenantId: 'HRO-JA',
  actor: { userId: 'u-1', role: 'controller', organisationId: 'HRO-JA' },
  correlationId: 'c-1',
  businessDate: '2025-01-15',
};

describe('audit chain', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let consumer: CheckpointedConsumer<PoolClient>;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool({ connectionString: database.url, max: 4 });
    // Events read through upcasters are still hashed as stored.
    store = new PostgresEventStore(
      pool,
      new UpcasterRegistry().register('SubsidyGranted', 1, (d) => ({ ...d, upcast: true })),
    );
    const projection = new AuditChainProjection('seal-key');
    consumer = new CheckpointedConsumer<PoolClient>({
      name: 'audit-chain',
      store,
      runner: pgTransactionRunner(pool),
      connectionString: database.url,
      handler: (events, client) =>
        projection.handle(events, { query: (sql: string, params: unknown[]) => client.query(sql, params).then((r) => r.rows) } as any),
    });
    for (let i = 0; i < 12; i++) {
      await store.append(`HRO-JA/budget/HRO-TW/${2020 + (i % 3)}`, [{ type: 'SubsidyGranted', data: { amount: `${i}000.00` }, metadata }], { expected: 'any' });
    }
    await consumer.drain();
  });

  /**
   * Readers of the log see an event once every transaction that could still commit before it has
   * ended, across the whole server; on a server shared with other test files that can take a
   * moment. So the tests wait for the condition instead of assuming one drain or read is enough.
   */
  const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
  const chainEverything = async () => {
    const count = async (table: string) => (await pool.query(`select count(*)::int as n from ${table}`)).rows[0].n;
    while ((await count('es_audit_chain')) < (await count('es_events'))) {
      await consumer.drain();
      await pause();
    }
  };

  afterAll(async () => {
    await consumer.stop();
    await pool.end();
    await database.drop();
  });

  it('verifies an untouched log', async () => {
    const report = await verifyAuditChain(pool, new PostgresEventStore(pool), 'seal-key');
    expect(report).toMatchObject({ ok: true, eventsChecked: 12, unchained: 0, problems: [] });
    expect(report.chainHead).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports events appended after the last link as not yet chained, not as tampering', async () => {
    await store.append('HRO-JA/budget/HRO-TW/2030', [{ type: 'Late', data: {}, metadata, eventId: randomUUID() }], { expected: 'any' });
    let report = await verifyAuditChain(pool, store);
    while (report.unchained === 0) {
      await pause();
      report = await verifyAuditChain(pool, store);
    }
    expect(report).toMatchObject({ ok: true, unchained: 1 });
    await chainEverything();
  });

  it('detects an event altered behind the triggers, and a removed one', async () => {
    await chainEverything();
    await pool.query('alter table es_events disable trigger es_events_append_only');
    await pool.query(`update es_events set data = '{"amount": "99999.00"}' where global_position = (select min(global_position) + 2 from es_events)`);
    await pool.query(`delete from es_events where global_position = (select max(global_position) from es_events)`);
    await pool.query('alter table es_events enable trigger es_events_append_only');
    const report = await verifyAuditChain(pool, store, 'seal-key');
    expect(report.ok).toBe(false);
    expect(report.problems.some((p) => p.includes('was altered'))).toBe(true);
    expect(report.problems.some((p) => p.includes('is missing from the log'))).toBe(true);
  });
});
