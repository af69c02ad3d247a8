import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { createPool } from '../../libs/database/pool';
import { createTestDatabase, startTestServer } from '../support/test-server';
import { schemaMigrations } from '../../src/schema';

/** One migrated database on the embedded PostgreSQL, or on DATABASE_URL's server. */
export async function benchDatabase(): Promise<{ url: string; pool: Pool; serverVersion: string; close(): Promise<void> }> {
  const server = await startTestServer(schemaMigrations);
  const database = await createTestDatabase();
  const pool = createPool({ connectionString: database.url, max: 20 });
  const { rows } = await pool.query('show server_version');
  return {
    url: database.url,
    pool,
    serverVersion: rows[0].server_version,
    async close() {
      await pool.end();
      await server.stop();
    },
  };
}

export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function machine(serverVersion: string): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, PostgreSQL ${serverVersion} (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded'})`;
}

export function printTable(title: string, rows: Array<[string, string]>): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n${title}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}
