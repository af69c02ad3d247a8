import { Pool } from 'pg';
import { todayInBerlin } from '../../libs/calendar';
import { PostgresEventStore } from '../../libs/event-store/postgres/postgres-event-store';
import { streams } from '../shared/stream-ids';
import { ErasureOutcome, eraseFreeTexts } from './erasure';
import { RetentionCandidate, RetentionPeriods, RetentionPlan, retentionPlan } from './retention';

/**
 * Where a subject's activity is read: the stream its texts belong to, a case's own stream, for an
 * activity or a subsidy the budget year it belongs to (AKT-2025-3 and ZUW-2025-1 name the year),
 * for a Sozialraum-year's steering texts its steering stream.
 */
function streamOfSubject(tenantId: string, subject: string): string | null {
  const [kind, id] = subject.split(/:(.*)/s);
  if (!id) return null;
  if (kind === 'case') return streams.case(tenantId, id);
  const year = /^([^/]+)\/(\d{4})$/.exec(id);
  if (kind === 'steering') return year ? streams.steering(tenantId, year[1], Number(year[2])) : null;
  const flexible = /^([^/]+)\/(?:AKT|ZUW)-(\d{4})-\d+$/.exec(id);
  return (kind === 'activity' || kind === 'subsidy') && flexible ? streams.budget(tenantId, flexible[1], Number(flexible[2])) : null;
}

/** Every subject with free texts of the tenant, with the day of its last event (Europe/Berlin). */
export async function retentionCandidates(pool: Pool, tenantId: string): Promise<RetentionCandidate[]> {
  const { rows } = await pool.query<{ subject: string; erased: boolean; on_hold: boolean }>(
    `select subject, erased_at is not null as erased, hold_reason is not null as on_hold
       from sealed_text_keys where tenant_id = $1 order by subject`,
    [tenantId],
  );
  const subjects = rows.flatMap((row) => {
    const stream = streamOfSubject(tenantId, row.subject);
    return stream ? [{ ...row, stream }] : [];
  });
  // The last event of every stream concerned, in one statement (the stream's version index serves each).
  const last = await pool.query<{ stream_id: string; day: string }>(
    `select stream_id, (max(recorded_at) at time zone 'Europe/Berlin')::date::text as day
       from es_events where stream_id = any($1::text[]) group by stream_id`,
    [[...new Set(subjects.map((s) => s.stream))]],
  );
  const lastDay = new Map(last.rows.map((row) => [row.stream_id, row.day]));
  return subjects.flatMap((s) => {
    const day = lastDay.get(s.stream);
    return day ? [{ subject: s.subject, lastActivity: day, erased: s.erased, onHold: s.on_hold }] : [];
  });
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
 * The retention periods from the environment, each the years the free texts of a class are kept
 * after the last event of their stream (default 10): RETENTION_CASE_TEXTS_YEARS,
 * RETENTION_ACTIVITY_TEXTS_YEARS, RETENTION_SUBSIDY_TEXTS_YEARS, RETENTION_STEERING_TEXTS_YEARS.
 */
export function retentionPeriodsOf(env: NodeJS.ProcessEnv): RetentionPeriods {
  const years = (name: string) => {
    const raw = env[name];
    const value = raw === undefined || raw === '' ? 10 : Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 100) throw new Error(`${name} must be a whole number of years from 1 to 100, got "${raw}"`);
    return value;
  };
  return {
    case: years('RETENTION_CASE_TEXTS_YEARS'),
    activity: years('RETENTION_ACTIVITY_TEXTS_YEARS'),
    subsidy: years('RETENTION_SUBSIDY_TEXTS_YEARS'),
    steering: years('RETENTION_STEERING_TEXTS_YEARS'),
  };
}
