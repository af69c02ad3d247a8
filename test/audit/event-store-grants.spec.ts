import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '../../libs/event-store';
import { createPool } from '../../libs/database/pool';
import { createTestDatabase, TestDatabase } from '../support/test-server';

const metadata = {
  tenantId: 'HRO-JA',
  actor: { userId: 'u-1', role: 'controller', organisationId: 'HRO-JA' },
  correlationId: 'c-1',
  businessDate: '2025-01-15',
};

/** The application's role may append only through es_append; every direct write is refused. */
describe('the application role sozialraum_app', () => {
  let database: TestDatabase;
  let owner: Pool;
  let app: Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    owner = createPool({ connectionString: database.url, max: 2 });
    // A session of the owner acting as the role has exactly the role's rights.
    app = new Pool({ connectionString: database.url, max: 2, options: '-c role=sozialraum_app' });
    await new PostgresEventStore(owner).append('HRO-JA/budget/HRO-TW/2025', [{ type: 'SubsidyGranted', data: { amount: '100.00' }, metadata }], {
      expected: 'no_stream',
    });
  });

  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await database?.drop();
  });

  it('is the role of a session that sets it', async () => {
    const { rows } = await app.query('select current_user');
    expect(rows[0].current_user).toBe('sozialraum_app');
  });

  const refused: Array<[string, string]> = [
    [
      'INSERT into es_events',
      `insert into es_events (transaction_id, event_id, stream_id, stream_version, tenant_id, type, schema_version, data, metadata)
       values (pg_current_xact_id(), gen_random_uuid(), 'HRO-JA/forged', 1, 'HRO-JA', 'Forged', 1, '{}', '{}')`,
    ],
    ['UPDATE of es_events', `update es_events set data = '{"amount":"999.00"}'`],
    ['DELETE from es_events', 'delete from es_events'],
    ['TRUNCATE of es_events', 'truncate es_events'],
    ['INSERT into es_streams', `insert into es_streams (stream_id, tenant_id, version) values ('HRO-JA/forged', 'HRO-JA', 1)`],
    ['UPDATE of es_streams', 'update es_streams set version = version + 1'],
    ['DELETE from es_streams', 'delete from es_streams'],
    ['TRUNCATE of es_streams', 'truncate es_streams'],
    ['DELETE from schema_migrations', 'delete from schema_migrations'],
  ];

  it.each(refused)('refuses %s (permission denied, nothing changed)', async (_name, sql) => {
    const before = await owner.query('select (select count(*) from es_events) as events, (select sum(version) from es_streams) as versions');
    await expect(app.query(sql)).rejects.toMatchObject({ code: '42501' });
    const after = await owner.query('select (select count(*) from es_events) as events, (select sum(version) from es_streams) as versions');
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('appends through the store function and reads the log', async () => {
    const store = new PostgresEventStore(app);
    const result = await store.append(`HRO-JA/case/${randomUUID()}`, [{ type: 'CaseOpened', data: { caseRef: 'TW-25-001' }, metadata }], {
      expected: 'no_stream',
    });
    expect(result.streamVersion).toBe(1);
    const events = await store.readStream('HRO-JA/budget/HRO-TW/2025');
    expect(events.map((e) => e.type)).toEqual(['SubsidyGranted']);
    // The stream row was written by the function too, although the role cannot write it itself.
    expect(await store.streamVersion('HRO-JA/budget/HRO-TW/2025')).toBe(1);
  });

  it('keeps optimistic concurrency through the function', async () => {
    const store = new PostgresEventStore(app);
    await expect(store.append('HRO-JA/budget/HRO-TW/2025', [{ type: 'SubsidyGranted', data: { amount: '1.00' }, metadata }], { expected: 0 })).rejects.toThrow(
      /expected/i,
    );
  });

  it('writes read models, consumer checkpoints and the audit tree', async () => {
    const tables = await owner.query<{ table_name: string }>(
      `select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'
          and table_name not in ('es_events', 'es_streams', 'schema_migrations')`,
    );
    expect(tables.rows.length).toBeGreaterThan(20);
    const { rows } = await app.query<{ table_name: string; writable: boolean }>(
      `select t.table_name, (select bool_and(has_table_privilege('sozialraum_app', quote_ident(t.table_name), p))
                           from unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) as p) as writable
         from unnest($1::text[]) as t(table_name)`,
      [tables.rows.map((r) => r.table_name)],
    );
    expect(rows.filter((r) => !r.writable).map((r) => r.table_name)).toEqual([]);
    const events = await app.query(`select has_table_privilege('sozialraum_app', 'es_events', 'SELECT') as readable`);
    expect(events.rows[0].readable).toBe(true);
  });
});
