import { KeyObject, generateKeyPairSync } from 'node:crypto';
import { Client, Pool, PoolClient } from 'pg';
import { CheckpointedConsumer, PostgresEventStore, pgTransactionRunner } from '../../libs/event-store';
import { createPool } from '../../libs/database/pool';
import { quoteIdent } from '../../libs/database/embedded-postgres';
import { withDatabase } from '../../libs/database/database-url';
import { CheckpointKey, signCheckpoint } from '../../libs/event-store/audit/audit-checkpoints';
import { checkpointFile } from '../../libs/event-store/audit/checkpoint-file';
import { viaClient } from '../../libs/event-store/audit/audit-tree';
import { AuditLogQueries } from '../../src/audit';
import { AuditChainProjection } from '../../libs/event-store/audit/audit-chain.projection';
import { TEST_SERVER_URL } from '../support/test-server';
import { ed25519AppendSigner } from '../../libs/event-store/audit/append-signature';

export const ORIGIN_PREFIX = 'test.example/audit';

export function testKey(): { key: CheckpointKey; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { key: { name: ORIGIN_PREFIX, privateKey }, publicKey };
}

const metadataOf = (tenantId: string, businessDate: string) => ({
  tenantId,
  actor: { userId: 'u-1', role: 'controller', organisationId: tenantId },
  correlationId: 'c-1',
  businessDate,
});

/**
 * An event log on one test database with the audit tree consumer of the application, driven by
 * hand: appends, draining the tree, signing checkpoints with a key of the test, and what an
 * auditor takes away (the export and the checkpoint file).
 */
export class AuditLog {
  readonly pool: Pool;
  readonly store: PostgresEventStore;
  private consumer: CheckpointedConsumer<PoolClient>;

  constructor(
    readonly url: string,
    private readonly key: CheckpointKey,
  ) {
    this.pool = createPool({ connectionString: url, max: 4 });
    // Appends signed like the application's, with the key of the test.
    this.store = new PostgresEventStore(this.pool, undefined, { signer: ed25519AppendSigner(key.name, key.privateKey) });
    const projection = new AuditChainProjection();
    this.consumer = new CheckpointedConsumer<PoolClient>({
      name: 'audit-chain',
      store: this.store,
      runner: pgTransactionRunner(this.pool),
      connectionString: url,
      handler: (events, client) =>
        projection.handle(events, { query: ((sql: string, params?: unknown[]) => client.query(sql, params).then((r) => r.rows)) as any }),
    });
  }

  async append(tenantId: string, streamId: string, type: string, data: Record<string, unknown>, businessDate = '2025-01-15'): Promise<void> {
    await this.store.append(streamId, [{ type, data, metadata: metadataOf(tenantId, businessDate) }], { expected: 'any' });
  }

  /** Takes up every committed event into the trees (reading waits for transactions still running anywhere on the server). */
  async drain(): Promise<void> {
    const count = async (table: string) => (await this.pool.query(`select count(*)::int as n from ${table}`)).rows[0].n;
    while ((await count('es_audit_leaves')) < (await count('es_events'))) {
      await this.consumer.drain();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  sign(tenantId: string, treeSize?: number) {
    return signCheckpoint(this.pool, this.store, {
      tenantId,
      originPrefix: ORIGIN_PREFIX,
      key: this.key,
      occasion: { kind: 'request', subject: null, cause: null },
      treeSize,
    });
  }

  async exportLines(tenantId: string): Promise<string[]> {
    const lines: string[] = [];
    for await (const line of new AuditLogQueries(this.pool).exportLines(tenantId)) lines.push(line.trimEnd());
    return lines;
  }

  async checkpointFile(tenantId: string) {
    return checkpointFile(viaClient(this.pool), tenantId);
  }

  /** Runs statements with the append-only triggers off, as someone able to bypass them would. */
  async behindTheTriggers(work: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('alter table es_events disable trigger es_events_append_only');
      await work(client);
    } finally {
      await client.query('alter table es_events enable trigger es_events_append_only');
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.consumer.stop();
    await this.pool.end();
  }
}

/** A copy of a database as a backup restored later would be: taken while nothing is connected to it. */
export async function copyDatabase(url: string, name: string): Promise<string> {
  const server = process.env[TEST_SERVER_URL]!;
  const source = new URL(url).pathname.slice(1);
  const copy = `${source}_${name}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    // Sessions of a stopped pool may take a moment to go away.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${quoteIdent(copy)} template ${quoteIdent(source)}`);
        break;
      } catch (error) {
        if (attempt > 50 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await admin.end();
  }
  return withDatabase(server, copy);
}

export async function* linesOf(lines: readonly string[]): AsyncGenerator<string> {
  yield* lines;
}
