import { Pool } from 'pg';
import { run as ops } from '../../../apps/ops-cli/ops-cli';
import { createPool } from '../../../libs/database/pool';
import { MigrationChanged, migrate, migrationChecksum, migrationStatus } from '../../../libs/database/migrate';
import { schemaMigrations } from '../../../src/schema';
import { createTestDatabase, TestDatabase } from '../../support/test-server';
import { Capture } from '../../support/capture';

/** Applied migrations carry a checksum; a changed one stops the start; `ops migrations status` lists them. */
describe('schema migrations with checksums', () => {
  let database: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const status = async (argv: string[]) => {
    const io = { stdout: new Capture(), stderr: new Capture(), env: { NODE_ENV: 'test', DATABASE_URL: database.url } };
    const code = await ops(argv, io);
    return { code, stdout: io.stdout.text, stderr: io.stderr.text };
  };

  it('records the checksum of every applied migration', async () => {
    const { rows } = await pool.query<{ id: string; checksum: string }>('select id, checksum from schema_migrations order by id');
    const byId = new Map(schemaMigrations.map((m) => [m.id, migrationChecksum(m)]));
    expect(rows.length).toBe(schemaMigrations.length);
    for (const row of rows) expect(row.checksum).toBe(byId.get(row.id));
  });

  it('lists applied, pending and unknown migrations and applies nothing', async () => {
    const extra = { id: '9990_test_extra', sql: 'create table test_extra (id int)' };
    await pool.query(`insert into schema_migrations (id, checksum) values ('9991_from_a_newer_version', 'abc')`);
    try {
      const states = await migrationStatus(pool, [...schemaMigrations, extra]);
      expect(states.filter((s) => s.state === 'applied')).toHaveLength(schemaMigrations.length);
      expect(states.find((s) => s.id === extra.id)).toMatchObject({ state: 'pending', appliedAt: null });
      expect(states.find((s) => s.id === '9991_from_a_newer_version')).toMatchObject({ state: 'unknown' });

      const listed = await status(['migrations', 'status']);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(/^0100_\S*\s+applied\s+\d{4}-\d\d-\d\dT/m);
      expect(listed.stdout).toContain(`${schemaMigrations.length} applied, 0 pending, 0 changed, 1 unknown`);
      expect((await pool.query(`select to_regclass('test_extra') as t`)).rows[0].t).toBeNull();
    } finally {
      await pool.query(`delete from schema_migrations where id = '9991_from_a_newer_version'`);
    }
  });

  it('refuses to start when an applied migration has changed, naming it, and changes nothing', async () => {
    const [first, ...rest] = schemaMigrations;
    const changed = { ...first, sql: `${first.sql}\n-- edited afterwards` };
    const before = (await pool.query('select id, checksum from schema_migrations order by id')).rows;
    await expect(migrate(pool, [changed, ...rest])).rejects.toThrow(MigrationChanged);
    await expect(migrate(pool, [changed, ...rest])).rejects.toThrow(new RegExp(`migration ${first.id} was changed after it was applied`));
    expect((await pool.query('select id, checksum from schema_migrations order by id')).rows).toEqual(before);
    expect((await migrationStatus(pool, [changed, ...rest])).find((s) => s.id === first.id)?.state).toBe('changed');
  });

  it('gives migrations applied before checksums existed the checksum of their text', async () => {
    await pool.query('update schema_migrations set checksum = null');
    expect(await migrate(pool, schemaMigrations)).toEqual([]);
    const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from schema_migrations where checksum is null');
    expect(rows[0].n).toBe(0);
    expect((await status(['migrations', 'status'])).code).toBe(0);
  });
});
