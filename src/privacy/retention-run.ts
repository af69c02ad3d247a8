import { Pool } from 'pg';
import { todayInBerlin } from '../../libs/calendar';
import { PostgresEventStore } from '../../libs/event-store/postgres/postgres-event-store';
import { streams } from '../shared/stream-ids';
import { ErasureOutcome, eraseFreeTexts } from './erasure';
import { RetentionCandidate, RetentionPeriods, RetentionPlan, retentionPlan } from './retention';

/** Where a subject's activity is read: the stream its texts belong to. */
function streamOfSubject(tenantId: string, subject: string): string | null {
  const [kind, id] = subject.split(/:(.*)/s);
  return kind === 'case' && id ? streams.case(tenantId, id) : null;
}

/** Every subject with free texts of the tenant, with the day of its last event (Europe/Berlin). */
export async function retentionCandidates(pool: Pool, tenantId: string): Promise<RetentionCandidate[]> {
  const { rows } = await pool.query<{ subject: string; erased: boolean; on_hold: boolean }>(
    `select subject, erased_at is not null as erased, hold_reason is not null as on_hold
       from sealed_text_keys where tenant_id = $1 order by subject`,
    [tenantId],
  );
  const candidates: RetentionCandidate[] = [];
  for (const row of rows) {
    const stream = streamOfSubject(tenantId, row.subject);
    if (!stream) continue;
    const last = await pool.query<{ day: string | null }>(
      `select (max(recorded_at) at time zone 'Europe/Berlin')::date::text as day from es_events where stream_id = $1`,
      [stream],
    );
    if (!last.rows[0].day) continue;
    candidates.push({ subject: row.subject, lastActivity: last.rows[0].day, erased: row.erased, onHold: row.on_hold });
  }
  return candidates;
}

export interface RetentionRunResult extends RetentionPlan {
  tenantId: string;
  today: string;
  erased: ErasureOutcome[];
}

/** A retention run for one tenant: the plan, and with `run` the erasures it makes. */
export async function retentionRun(
  pool: Pool,
  store: PostgresEventStore,
  options: { tenantId: string; periods: RetentionPeriods; run: boolean; by: string; now?: Date },
): Promise<RetentionRunResult> {
  const today = todayInBerlin(options.now);
  const plan = retentionPlan(await retentionCandidates(pool, options.tenantId), options.periods, today);
  const erased: ErasureOutcome[] = [];
  if (options.run) {
    for (const due of plan.due) {
      erased.push(
        await eraseFreeTexts(pool, store, {
          tenantId: options.tenantId,
          subject: due.subject,
          reason: `Aufbewahrungsfrist abgelaufen (${options.periods[due.retentionClass]} Jahre nach dem ${due.lastActivity})`,
          by: options.by,
          now: options.now,
        }),
      );
    }
  }
  return { tenantId: options.tenantId, today, ...plan, erased };
}

/**
 * The retention periods from the environment: RETENTION_CASE_TEXTS_YEARS (default 10), the years
 * a case's free texts are kept after its last event.
 */
export function retentionPeriodsOf(env: NodeJS.ProcessEnv): RetentionPeriods {
  const raw = env.RETENTION_CASE_TEXTS_YEARS;
  const years = raw === undefined || raw === '' ? 10 : Number(raw);
  if (!Number.isInteger(years) || years < 1 || years > 100)
    throw new Error(`RETENTION_CASE_TEXTS_YEARS must be a whole number of years from 1 to 100, got "${raw}"`);
  return { case: years };
}
