import { Pool } from 'pg';
import { Migration } from './migration';

const LOCK_KEY = 727_274_001; // arbitrary advisory lock key for schema changes

/** Applies pending migrations in id order, each in its own transaction; safe to run concurrently. */
export async function migrate(pool: Pool, migrations: Migration[]): Promise<string[]> {
  const ordered = [...migrations].sort((a, b) => a.id.localeCompare(b.id));
  const ids = new Set<string>();
  for (const m of ordered) {
    if (ids.has(m.id)) throw new Error(`migration ${m.id} defined twice`);
    ids.add(m.id);
  }
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`create table if not exists schema_migrations (
      id text primary key, applied_at timestamptz not null default now())`);
    const { rows } = await client.query('select id from schema_migrations');
    const done = new Set(rows.map((r) => r.id));
    for (const migration of ordered) {
      if (done.has(migration.id)) continue;
      await client.query('begin');
      try {
        await client.query(migration.sql);
        await client.query('insert into schema_migrations (id) values ($1)', [migration.id]);
        await client.query('commit');
        applied.push(migration.id);
      } catch (error) {
        await client.query('rollback');
        throw new Error(`migration ${migration.id} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  return applied;
}
