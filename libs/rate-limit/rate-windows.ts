import { Pool } from 'pg';

export interface WindowCount {
  hits: number;
  /** Seconds until the window ends (at least 1 while it runs). */
  secondsLeft: number;
}

/** How often (in hits) stale windows are swept, so that the table does not grow with every address. */
const SWEEP_EVERY = 1000;

/**
 * Fixed counting windows in PostgreSQL, one row per key: the same counts for every process on the
 * database. An unlogged table: a crash may reset the counts, which only forgives.
 */
export class RateWindows {
  private sinceSweep = 0;

  constructor(private readonly pool: Pool) {}

  /** Counts one hit of the key in its current window (a new window once the last has ended). */
  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const { rows } = await this.pool.query<{ hits: number; seconds_left: number }>(
      `insert into rate_limit_windows as w (key, window_ends, hits) values ($1, clock_timestamp() + $2 * interval '1 millisecond', 1)
       on conflict (key) do update set
         hits = case when w.window_ends <= clock_timestamp() then 1 else w.hits + 1 end,
         window_ends = case when w.window_ends <= clock_timestamp() then excluded.window_ends else w.window_ends end
       returning hits, ceil(extract(epoch from window_ends - clock_timestamp()))::int as seconds_left`,
      [key, windowMs],
    );
    if (++this.sinceSweep >= SWEEP_EVERY) {
      this.sinceSweep = 0;
      await this.pool.query(`delete from rate_limit_windows where window_ends < clock_timestamp() - interval '1 minute'`);
    }
    return { hits: rows[0].hits, secondsLeft: Math.max(rows[0].seconds_left, 1) };
  }

  /** The key's count in its current window, without counting (0 when none runs). */
  async peek(key: string): Promise<WindowCount> {
    const { rows } = await this.pool.query<{ hits: number; seconds_left: number }>(
      `select hits, ceil(extract(epoch from window_ends - clock_timestamp()))::int as seconds_left
         from rate_limit_windows where key = $1 and window_ends > clock_timestamp()`,
      [key],
    );
    return rows[0] ? { hits: rows[0].hits, secondsLeft: Math.max(rows[0].seconds_left, 1) } : { hits: 0, secondsLeft: 0 };
  }
}
