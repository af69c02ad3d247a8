import { createHash } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { Migration } from './migration';

/** The advisory lock held while migrations run (readiness looks for it). */
export const MIGRATION_LOCK_KEY = 727_274_001;

/** SHA-256 of a migration's SQL as written: an applied migration must never change. */
export function migrationChecksum(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

/** An applied migration whose text differs from what was applied: the start stops. */
export class MigrationChanged extends Error {
  constructor(
    readonly id: string,
    readonly recorded: string,
    readonly current: string,
  ) {
    super(
      `migration ${id} was changed after it was applied (checksum applied ${recorded.slice(0, 12)}…, now ${current.slice(0, 12)}…): ` +
        'restore its text and put the change into a new migration',
    );
    this.name = 'MigrationChanged';
  }
}

export interface MigrationState {
  id: string;
  /** applied; pending (not yet applied); changed (applied with another text); unknown (applied, not in this version). */
  state: 'applied' | 'pending' | 'changed' | 'unknown';
  appliedAt: Date | null;
  checksum: string | null;
}

function ordered(migrations: Migration[]): Migration[] {
  const sorted = [...migrations].sort((a, b) => a.id.localeCompare(b.id));
  const ids = new Set<string>();
  for (const m of sorted) {
    if (ids.has(m.id)) throw new Error(`migration ${m.id} defined twice`);
    ids.add(m.id);
  }
  return sorted;
}

async function ensureTable(client: PoolClient | Pool): Promise<void> {
  await client.query(`create table if not exists schema_migrations (
      id text primary key, applied_at timestamptz not null default now())`);
  // Recorded since checksums exist; rows applied before carry none until the next start.
  await client.query('alter table schema_migrations add column if not exists checksum text');
}

/**
 * Applies pending migrations in id order, each in its own transaction; safe to run concurrently
 * (an advisory lock). Refuses to start when an applied migration's text has changed; migrations
 * applied before checksums were recorded get the checksum of their text as it is now.
 */
export async function migrate(pool: Pool, migrations: Migration[]): Promise<string[]> {
  const sorted = ordered(migrations);
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await ensureTable(client);
    const { rows } = await client.query<{ id: string; checksum: string | null }>('select id, checksum from schema_migrations');
    const done = new Map(rows.map((r) => [r.id, r.checksum]));
    for (const migration of sorted) {
      const checksum = migrationChecksum(migration);
      if (done.has(migration.id)) {
        const recorded = done.get(migration.id);
        if (recorded === null || recorded === undefined) {
          await client.query('update schema_migrations set checksum = $2 where id = $1 and checksum is null', [migration.id, checksum]);
        } else if (recorded !== checksum) {
          throw new MigrationChanged(migration.id, recorded, checksum);
        }
        continue;
      }
      await client.query('begin');
      try {
        await client.query(migration.sql);
        await client.query('insert into schema_migrations (id, checksum) values ($1, $2)', [migration.id, checksum]);
        await client.query('commit');
        applied.push(migration.id);
      } catch (error) {
        await client.query('rollback');
        throw new Error(`migration ${migration.id} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  return applied;
}

/** Every migration of this version and every applied one, in id order, with its state; changes nothing but the table's shape. */
export async function migrationStatus(pool: Pool, migrations: Migration[]): Promise<MigrationState[]> {
  const sorted = ordered(migrations);
  await ensureTable(pool);
  const { rows } = await pool.query<{ id: string; applied_at: Date; checksum: string | null }>('select id, applied_at, checksum from schema_migrations');
  const appliedRows = new Map(rows.map((r) => [r.id, r]));
  const known = new Set(sorted.map((m) => m.id));
  const states: MigrationState[] = sorted.map((migration) => {
    const row = appliedRows.get(migration.id);
    if (!row) return { id: migration.id, state: 'pending', appliedAt: null, checksum: migrationChecksum(migration) };
    const changed = row.checksum !== null && row.checksum !== migrationChecksum(migration);
    return { id: migration.id, state: changed ? 'changed' : 'applied', appliedAt: row.applied_at, checksum: row.checksum };
  });
  for (const row of rows) if (!known.has(row.id)) states.push({ id: row.id, state: 'unknown', appliedAt: row.applied_at, checksum: row.checksum });
  return states.sort((a, b) => a.id.localeCompare(b.id));
}
