import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { Migration } from './migration';
import { migrate } from './migrate';
import { createPool } from './pool';
import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';

export const EMBEDDED_DATABASE = 'sozialraum';

export interface ProvisionedDatabase {
  url: string;
  /** True when this process started the embedded server (and stops it on shutdown). */
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * With DATABASE_URL: uses that server and starts nothing. Without: starts the embedded
 * PostgreSQL with its data in DATA_DIR/postgres (kept between runs). Then applies migrations.
 */
export async function provisionDatabase(config: AppConfig, migrations: Migration[], log: (line: string) => void): Promise<ProvisionedDatabase> {
  let url: string;
  let stop = async () => undefined as void;
  let embedded = false;
  if (config.databaseUrl) {
    url = config.databaseUrl;
    log('Using the PostgreSQL server from DATABASE_URL');
  } else {
    const dataDir = join(config.dataDir, 'postgres');
    log(`No DATABASE_URL: starting the embedded PostgreSQL (data in ${dataDir}, port ${config.embeddedPgPort})`);
    const server = await startEmbeddedPostgres({
      dataDir,
      port: config.embeddedPgPort,
      createPostgresUser: config.embeddedPgCreateUser,
      log: (line) => {
        if (/initdb: error|could not|permission denied/i.test(line)) log(`postgres: ${line}`);
      },
    });
    await ensureDatabase(server.connectionString('postgres'), EMBEDDED_DATABASE);
    url = server.connectionString(EMBEDDED_DATABASE);
    stop = () => server.stop();
    embedded = true;
  }
  const pool = createPool({ connectionString: url, max: 1 });
  try {
    const applied = await migrate(pool, migrations);
    if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    await pool.end();
  }
  return { url, embedded, stop };
}
