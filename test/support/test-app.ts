import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import request from 'supertest';
import { loadConfig } from '../../libs/config/app-config';
import { DevKeys, loadOrCreateDevKeys, signDevToken } from '../../libs/auth/dev-signing-key';
import { Role } from '../../libs/auth/principal';
import { createPool } from '../../libs/database/pool';
import { ProjectionRunner } from '../../libs/event-store/nest/projection-runner';
import { CheckpointSigner } from '../../src/audit/checkpoints/checkpoint-signer';
import { apiDocumentOf, createApiApp } from '../../apps/api/app-factory';
import { checkContract } from './contract-check';
import { createTestDatabase, TestDatabase } from './test-server';
import { AppLog } from '../../libs/logging/app-log';
import { NestAppLogger } from '../../libs/logging/nest-logger';

export interface TokenOptions {
  role: Role | Role[];
  tenant?: string;
  provider?: string;
  sub?: string;
  name?: string;
  ttlSeconds?: number;
}

export interface TestApp {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  /** A direct pool on the test database, for assertions on the event store. */
  db: Pool;
  /** The test database, for tools that connect on their own (the CLIs). */
  databaseUrl: string;
  token(options: TokenOptions): Promise<string>;
  /** Waits until every projection has processed what was appended so far. */
  /** Every projection caught up, and every checkpoint due signed. */
  settle(): Promise<void>;
  /** Every projection caught up; checkpoints left to the test (the audit trail's own tests sign them). */
  catchUp(): Promise<void>;
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The real API on a fresh database cloned from the migrated template; silent unless `log` is
 * given, which then receives the request log and Nest's log lines.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: {
    log?: AppLog;
    /** A login the API connects with instead of the owner of the test database. */ connectAs?: { user: string; password: string };
  } = {},
): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase();
  const apiUrl = new URL(database.url);
  if (options.connectAs) {
    apiUrl.username = encodeURIComponent(options.connectAs.user);
    apiUrl.password = encodeURIComponent(options.connectAs.password);
  }
  // The folder holds a development private key: it goes with the app, also when start-up fails.
  const dataDir = mkdtempSync(join(tmpdir(), 'sozialraum-test-data-'));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  let app: NestFastifyApplication;
  let keys: DevKeys;
  try {
    // Under a loaded test machine a projection may fall seconds behind: reads wait for it (bounded by
    // jest's timeout) instead of answering 503 after the production default.
    // Small pools: test files run side by side on one server whose connections are limited
    // (PostgreSQL's default of 100), and every app also holds one connection per projection.
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '100000', PROJECTION_WAIT_MS: '50000', DB_POOL_MAX: '5', ...env });
    keys = await loadOrCreateDevKeys(dataDir);
    app = await createApiApp({
      config,
      databaseUrl: apiUrl.toString(),
      devPublicKey: keys.publicKey,
      devKeys: keys,
      logger: options.log ? new NestAppLogger(options.log) : false,
      log: options.log,
    });
    // Every answer of the API tests is checked against the contract it declares.
    checkContract(app.getHttpAdapter().getInstance(), apiDocumentOf(app));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    removeDataDir();
    throw error;
  }
  const db = createPool({ connectionString: database.url, max: 4 });
  return {
    app,
    http: () => request(app.getHttpServer()),
    db,
    databaseUrl: database.url,
    token: (options) =>
      signDevToken(
        keys,
        {
          sub: options.sub ?? `${Array.isArray(options.role) ? options.role[0] : options.role}-1`,
          tenant: options.tenant ?? 'HRO-JA',
          roles: Array.isArray(options.role) ? options.role : [options.role],
          provider: options.provider,
          name: options.name,
        },
        options.ttlSeconds,
      ),
    // No deadline of its own: on a loaded machine catching up may take long; jest's test timeout bounds it.
    // Caught up, and every checkpoint due so far signed: the signer's timer appends those events
    // later otherwise (up to a minute after a close), into the middle of a test that counts events.
    catchUp: () => app.get(ProjectionRunner).waitUntilCaughtUp(Infinity),
    settle: async () => {
      const runner = app.get(ProjectionRunner);
      await runner.waitUntilCaughtUp(Infinity);
      if ((await app.get(CheckpointSigner).signDue()).length) await runner.waitUntilCaughtUp(Infinity);
    },
    eventCount: async () => (await db.query('select count(*)::int as n from es_events')).rows[0].n,
    async close() {
      try {
        await app.close();
        await db.end();
        await database.drop();
      } finally {
        removeDataDir();
      }
    },
  };
}
