import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Pool } from 'pg';
import { PG_POOL } from '../database/database.module';
import { MIGRATION_LOCK_KEY } from '../database/migrate';
import { ProjectionRunner } from '../event-store/nest/projection-runner';

/** How long the database may take to answer a health check. */
const DATABASE_DEADLINE_MS = 2000;

/**
 * The conditions under which a process should get traffic: the database answers, no process is
 * migrating the schema, no projection is being rebuilt, and none is further behind the log than
 * the configured limit (reads would wait for it or answer 503).
 */
@Injectable()
export class ReadinessChecks {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly projections: ProjectionRunner,
  ) {}

  async database() {
    const indicator = this.indicators.check('database');
    let deadline: NodeJS.Timeout | undefined;
    try {
      // The timer is cleared either way: one left behind per request would hold the process open.
      await Promise.race([
        this.pool.query('select 1'),
        new Promise((_, reject) => {
          deadline = setTimeout(() => reject(new Error('timeout')), DATABASE_DEADLINE_MS);
        }),
      ]);
      return indicator.up();
    } catch {
      return indicator.down({ message: 'Die Datenbank antwortet nicht.' });
    } finally {
      clearTimeout(deadline);
    }
  }

  async migrations() {
    const indicator = this.indicators.check('migrations');
    // pg_advisory_lock(bigint) of a key below 2^32 shows as classid 0, objid key, objsubid 1;
    // advisory locks are server-wide, so only this database's counts.
    const { rows } = await this.pool.query(
      `select count(*)::int as n from pg_locks
        where locktype = 'advisory' and classid = 0 and objid = $1 and objsubid = 1 and granted
          and database = (select oid from pg_database where datname = current_database())`,
      [MIGRATION_LOCK_KEY],
    );
    return rows[0].n > 0 ? indicator.down({ message: 'Das Datenbankschema wird gerade migriert.' }) : indicator.up();
  }

  async projectionsCurrent(maxLagSeconds: number) {
    const indicator = this.indicators.check('projections');
    const statuses = await this.projections.status();
    const rebuilding = statuses.filter((s) => s.status === 'rebuilding').map((s) => s.name);
    const behind = statuses.filter((s) => s.lagSeconds > maxLagSeconds).map((s) => s.name);
    if (rebuilding.length === 0 && behind.length === 0) return indicator.up({ maxLagSeconds });
    return indicator.down({
      message: rebuilding.length > 0 ? 'Eine Projektion wird neu aufgebaut.' : `Eine Projektion liegt mehr als ${maxLagSeconds} s zurück.`,
      rebuilding,
      behind,
      maxLagSeconds,
    });
  }
}
