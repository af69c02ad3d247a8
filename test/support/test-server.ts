import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Migration } from '../../libs/database/migration';
import { migrate } from '../../libs/database/migrate';
import { createPool } from '../../libs/database/pool';
import { quoteIdent, startEmbeddedPostgres } from '../../libs/database/embedded-postgres';
import { withDatabase } from '../../libs/database/database-url';
import { freePort } from './free-port';

/** Environment handed from the jest global setup to the test files. */
export const TEST_SERVER_URL = 'TEST_PG_SERVER_URL';
export const TEST_TEMPLATE_DB = 'TEST_PG_TEMPLATE_DB';

interface StartedTestServer {
  stop(): Promise<void>;
}

/**
 * Starts (or reuses, with DATABASE_URL) one PostgreSQL server for the whole run and builds a
 * migrated template database from which each test file clones its own database.
 */
export async function startTestServer(migrations: Migration[]): Promise<StartedTestServer> {
  let serverUrl: string;
  let stopServer: () => Promise<void> = async () => undefined;
  if (process.env.DATABASE_URL) {
    serverUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'sozialraum-test-pg-'));
    chmodSync(dir, 0o755);
    const port = await freePort();
    const server = await startEmbeddedPostgres({
      dataDir: join(dir, 'data'),
      port,
      persistent: false,
      createPostgresUser: process.env.EMBEDDED_PG_CREATE_USER === 'true',
    }).catch((error) => {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    });
    serverUrl = server.connectionString('postgres');
    stopServer = async () => {
      await server.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const template = `sozialraum_tpl_${process.pid}_${Date.now().toString(36)}`;
  try {
    await adminQuery(serverUrl, `create database ${quoteIdent(template)}`);
    const pool = createPool({ connectionString: withDatabase(serverUrl, template), max: 1 });
    try {
      await migrate(pool, migrations);
    } finally {
      await pool.end();
    }
  } catch (error) {
    // jest runs no global teardown when the setup fails: the server and its folder go now.
    await dropDatabases(serverUrl, template).catch(() => undefined);
    await stopServer();
    throw error;
  }
  process.env[TEST_SERVER_URL] = serverUrl;
  process.env[TEST_TEMPLATE_DB] = template;
  return {
    async stop() {
      await dropDatabases(serverUrl, template).catch(() => undefined);
      await stopServer();
    },
  };
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated template, for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env[TEST_SERVER_URL];
  const template = process.env[TEST_TEMPLATE_DB];
  if (!serverUrl || !template) throw new Error('test database server not started: run the tests through jest (globalSetup)');
  const name = `${template}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(serverUrl, `create database ${quoteIdent(name)} template ${quoteIdent(template)}`);
  return {
    name,
    url: withDatabase(serverUrl, name),
    drop: () => adminQuery(serverUrl, `drop database if exists ${quoteIdent(name)} with (force)`),
  };
}

async function dropDatabases(serverUrl: string, template: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query('select datname from pg_database where datname like $1', [`${template}%`]);
    for (const row of rows) await client.query(`drop database if exists ${quoteIdent(row.datname)} with (force)`);
  } finally {
    await client.end();
  }
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
