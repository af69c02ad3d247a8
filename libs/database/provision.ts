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
 * PostgreSQL with its data in DATA_DIR/postgres (kept between runs). Then applies migrations
 * (unless told not to), through DATABASE_MIGRATION_URL where it is set: the process itself then
 * works with DATABASE_URL's login, which need not own the schema.
 */
export async function provisionDatabase(
  config: AppConfig,
  migrations: Migration[],
  log: (line: string) => void,
  options: { applyMigrations?: boolean } = {},
): Promise<ProvisionedDatabase> {
  let url: string;
  let stop = async () => undefined as void;
  let embedded = false;
  let source: string;
  if (config.databaseUrl) {
    url = config.databaseUrl;
    source = 'DATABASE_URL';
    log('Using the PostgreSQL server from DATABASE_URL');
  } else {
    // The embedded server is a development dependency: production images do not carry it.
    if (config.nodeEnv === 'production') throw new Error('NODE_ENV=production needs DATABASE_URL: the embedded PostgreSQL is for development only');
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
    if (server.attached) log(`The embedded PostgreSQL of ${dataDir} runs already (port ${server.port}): using it; it stops with the process that started it`);
    source = `the embedded PostgreSQL of ${dataDir}`;
    url = server.connectionString(EMBEDDED_DATABASE);
    stop = () => server.stop();
    embedded = !server.attached;
    try {
      await ensureDatabase(server.connectionString('postgres'), EMBEDDED_DATABASE);
    } catch (error) {
      await stop();
      throw unreachable(url, source, error);
    }
  }
  const migrationUrl = config.databaseUrl && config.databaseMigrationUrl ? config.databaseMigrationUrl : url;
  const migrationSource = migrationUrl === url ? source : 'DATABASE_MIGRATION_URL';
  const pool = createPool({ connectionString: migrationUrl, max: 1 });
  try {
    // `ops migrations status` looks at the schema as it is and changes nothing.
    if (options.applyMigrations !== false) {
      const applied = await migrate(pool, migrations);
      if (applied.length) log(`Applied migrations${migrationUrl === url ? '' : ' (as the user of DATABASE_MIGRATION_URL)'}: ${applied.join(', ')}`);
    } else {
      await pool.query('select 1');
    }
  } catch (error) {
    await stop();
    throw unreachable(migrationUrl, migrationSource, error);
  } finally {
    await pool.end();
  }
  if (migrationUrl !== url) {
    const check = createPool({ connectionString: url, max: 1 });
    try {
      await check.query('select 1');
    } catch (error) {
      throw unreachable(url, source, error);
    } finally {
      await check.end();
    }
  }
  return { url, embedded, stop };
}

/** Names the server (never the password) when it cannot be reached; other errors pass unchanged. */
function unreachable(url: string, source: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const connectionFailure =
    error instanceof AggregateError ||
    (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|28P01|28000|3D000)$/.test(code)) ||
    (error instanceof Error && /timeout expired|Connection terminated/i.test(error.message));
  if (!connectionFailure) return error;
  const { hostname, port, pathname } = new URL(url);
  const reason = error instanceof AggregateError ? error.errors.map((e) => (e as Error).message).join('; ') : (error as Error).message;
  return new Error(`cannot connect to PostgreSQL at ${hostname}:${port || 5432}${pathname} (${source}): ${reason || code}`);
}
