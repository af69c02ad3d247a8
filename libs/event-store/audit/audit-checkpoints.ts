import { KeyObject, createPublicKey, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { todayInBerlin } from '../../calendar';
import { ed25519Signer, formatCheckpoint, noteKeyId, signNote, verifierKey } from '../../merkle';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { CheckpointOccasion, SqlRunner, rootAt, viaClient } from './audit-tree';
import { CHECKPOINT_EVENT, checkpointStream, openCheckpointNote } from './checkpoint-note';
import { AUDIT_RECORD_COLUMNS, AuditRecord, AuditRecordRow, auditRecordOf } from './audit-record';

/**
 * Signed checkpoints of the tenants' trees. A checkpoint is a C2SP signed note over (origin, tree
 * size, root hash, time) and is recorded as an event of its own in the tenant's stream
 * `<tenant>/audit/checkpoints`; that event becomes a leaf of the same tree later. A signature
 * cannot be made without the private key, so a checkpoint handed out once pins the log's history
 * up to its size: any later change of it, or a rollback behind it, no longer fits.
 */

export { CHECKPOINT_EVENT, checkpointStream, openCheckpointNote };

/** The log of one tenant as a checkpoint's first line names it. */
export const tenantOrigin = (originPrefix: string, tenantId: string) => `${originPrefix}/${tenantId}`;

/** The signing key, with the name its signature lines carry. */
export interface CheckpointKey {
  name: string;
  privateKey: KeyObject;
}

export interface PublishedKey {
  name: string;
  /** The key id of the signature lines, 8 hex digits. */
  keyId: string;
  /** `<name>+<key id>+<base64 key>`, as transparency-log tooling takes it. */
  verifierKey: string;
  publicKeyPem: string;
}

export function publishedKey(key: { name: string; privateKey?: KeyObject; publicKey?: KeyObject }): PublishedKey {
  const publicKey = key.publicKey ?? createPublicKey(key.privateKey!);
  return {
    name: key.name,
    keyId: noteKeyId(key.name, publicKey).toString('hex'),
    verifierKey: verifierKey(key.name, publicKey),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

/** The data of an AuditCheckpointSigned event. */
export interface CheckpointEventData {
  origin: string;
  treeSize: number;
  /** Base64, as in the note. */
  rootHash: string;
  signedAt: string;
  occasion: CheckpointOccasion;
  keyName: string;
  keyId: string;
  verifierKey: string;
  /** The signed note: what an auditor stores and verifies. */
  note: string;
}

/** The tree no longer has the root a signed checkpoint states: its rows were changed. Nothing is signed on it. */
export class TreeDivergedFromCheckpoint extends Error {}

export interface SignRequest {
  tenantId: string;
  originPrefix: string;
  key: CheckpointKey;
  occasion: CheckpointOccasion;
  /** The size to sign; the tree's current size when left out. */
  treeSize?: number;
  now?: Date;
}

/**
 * Signs a checkpoint of the tenant's tree and appends it as an event, in one transaction that holds
 * the tree's size row: the tree cannot grow between reading its root and recording what it says.
 * Refuses (TreeDivergedFromCheckpoint) when the tree no longer has the root of the newest signed
 * checkpoint, so the signer never vouches for a history that contradicts what it signed before.
 * Answers null when there is nothing to sign (an empty tree).
 */
export async function signCheckpoint(pool: Pool, store: PostgresEventStore, request: SignRequest): Promise<CheckpointEventData | null> {
  const now = request.now ?? new Date();
  const client = await pool.connect();
  try {
    await client.query('begin');
    const run = viaClient(client);
    const [row] = await run('select size::text as size from es_audit_trees where tenant_id = $1 for update', [request.tenantId]);
    const size = row ? Number(row.size) : 0;
    const target = request.treeSize ?? size;
    if (target === 0) {
      await client.query('rollback');
      return null;
    }
    if (target > size) throw new Error(`the audit tree of ${request.tenantId} has ${size} leaves, not ${target}`);
    await assertTreeKeepsNewestCheckpoint(run, request.tenantId, size);
    const rootHash = await rootAt(run, request.tenantId, target);
    const origin = tenantOrigin(request.originPrefix, request.tenantId);
    const signedAt = now.toISOString();
    const extensions = [`time ${signedAt}`, `occasion ${[request.occasion.kind, request.occasion.subject].filter(Boolean).join(' ')}`];
    const note = signNote(formatCheckpoint({ origin, size: target, rootHash, extensions }), [ed25519Signer(request.key.name, request.key.privateKey)]);
    const published = publishedKey(request.key);
    const data: CheckpointEventData = {
      origin,
      treeSize: target,
      rootHash: rootHash.toString('base64'),
      signedAt,
      occasion: request.occasion,
      keyName: published.name,
      keyId: published.keyId,
      verifierKey: published.verifierKey,
      note,
    };
    await store.appendWith(
      client,
      checkpointStream(request.tenantId),
      [
        {
          eventId: randomUUID(),
          type: CHECKPOINT_EVENT,
          data,
          metadata: {
            tenantId: request.tenantId,
            actor: { userId: 'system', role: 'system', organisationId: request.tenantId },
            correlationId: request.occasion.cause?.correlationId ?? randomUUID(),
            causationId: request.occasion.cause?.eventId ?? null,
            businessDate: todayInBerlin(now),
          },
        },
      ],
      { expected: 'any' },
    );
    await run(
      `update es_audit_trees set checkpointed_size = greatest(checkpointed_size, $2::bigint), checkpointed_at = $3::timestamptz where tenant_id = $1 returning tenant_id`,
      [request.tenantId, String(target), signedAt],
    );
    await run('delete from es_audit_checkpoints_due where tenant_id = $1 and tree_size = $2::bigint and kind = $3 returning tenant_id', [
      request.tenantId,
      String(target),
      request.occasion.kind,
    ]);
    await client.query('commit');
    return data;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function assertTreeKeepsNewestCheckpoint(run: SqlRunner, tenantId: string, size: number): Promise<void> {
  const [newest]: Array<{ data: CheckpointEventData }> = await run(
    `select data from es_events where stream_id = $1 and type = $2 order by stream_version desc limit 1`,
    [checkpointStream(tenantId), CHECKPOINT_EVENT],
  );
  if (!newest) return;
  if (newest.data.treeSize > size) {
    throw new TreeDivergedFromCheckpoint(
      `the audit tree of ${tenantId} has ${size} leaves, fewer than its checkpoint of size ${newest.data.treeSize} signed ${newest.data.signedAt}: leaves were removed, nothing is signed on it`,
    );
  }
  const root = await rootAt(run, tenantId, newest.data.treeSize);
  if (root.toString('base64') !== newest.data.rootHash) {
    throw new TreeDivergedFromCheckpoint(
      `the audit tree of ${tenantId} no longer has the root of its checkpoint of size ${newest.data.treeSize} signed ${newest.data.signedAt}: it was changed, nothing is signed on it`,
    );
  }
}

/**
 * Makes a checkpoint due after every close (an event of one of `closeTypes` that `occasionOf`
 * names) the trees took up since the last look, its size fixed by the close: the log up to and
 * including it. Per tenant in one transaction with the tree's size row locked, so each close is
 * scheduled once, however many processes look. Answers how many were scheduled.
 */
export async function scheduleCloseCheckpoints(
  pool: Pool,
  closeTypes: readonly string[],
  occasionOf: (record: AuditRecord) => CheckpointOccasion | null,
): Promise<number> {
  const tenants = await viaClient(pool)<{ tenant_id: string }>('select tenant_id from es_audit_trees where size > closes_scanned order by tenant_id', []);
  let scheduled = 0;
  for (const { tenant_id: tenantId } of tenants) {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const run = viaClient(client);
      const [tree] = await run<{ size: string; closes_scanned: string }>(
        'select size::text as size, closes_scanned::text as closes_scanned from es_audit_trees where tenant_id = $1 for update',
        [tenantId],
      );
      const closes = await run<AuditRecordRow & { leaf_index: string }>(
        `select ${AUDIT_RECORD_COLUMNS}, l.leaf_index::text as leaf_index
           from es_audit_leaves l join es_events e on e.global_position = l.global_position
          where l.tenant_id = $1 and l.leaf_index >= $2::bigint and l.leaf_index < $3::bigint and l.event_type = any($4::text[])
          order by l.leaf_index`,
        [tenantId, tree.closes_scanned, tree.size, closeTypes],
      );
      for (const close of closes) {
        const occasion = occasionOf(auditRecordOf(close));
        if (!occasion) continue;
        await run(
          `insert into es_audit_checkpoints_due (tenant_id, tree_size, kind, occasion) values ($1, $2::bigint, $3, $4::jsonb)
           on conflict do nothing returning tenant_id`,
          [tenantId, String(Number(close.leaf_index) + 1), occasion.kind, JSON.stringify(occasion)],
        );
        scheduled++;
      }
      await run('update es_audit_trees set closes_scanned = $2::bigint where tenant_id = $1 returning tenant_id', [tenantId, tree.size]);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  return scheduled;
}

/** A checkpoint that is due: a close's (its size fixed by the close) or the interval's (the current size). */
export interface DueCheckpoint {
  tenantId: string;
  treeSize?: number;
  occasion: CheckpointOccasion;
}

/**
 * What the signer has to sign now: every close's checkpoint not yet signed, oldest first; then,
 * per tenant, the current tree when a leaf that no checkpoint covers was recorded at least
 * `intervalSeconds` ago. Checkpoint events themselves do not make a tree due, or the signer
 * would sign its own checkpoints forever; they are covered by the next checkpoint anyway.
 */
export async function dueCheckpoints(run: SqlRunner, intervalSeconds: number, now: Date = new Date()): Promise<DueCheckpoint[]> {
  const closes: Array<{ tenant_id: string; tree_size: string; occasion: CheckpointOccasion }> = await run(
    'select tenant_id, tree_size::text as tree_size, occasion from es_audit_checkpoints_due order by due_since, tenant_id, tree_size',
    [],
  );
  const stale: Array<{ tenant_id: string }> = await run(
    `select t.tenant_id from es_audit_trees t
      where t.size > t.checkpointed_size
        and exists (select 1 from es_audit_leaves l
                     where l.tenant_id = t.tenant_id and l.leaf_index >= t.checkpointed_size
                       and l.event_type <> $1 and l.recorded_at <= $2::timestamptz - make_interval(secs => $3::float8))
      order by t.tenant_id`,
    [CHECKPOINT_EVENT, now.toISOString(), intervalSeconds],
  );
  return [
    ...closes.map((row) => ({ tenantId: row.tenant_id, treeSize: Number(row.tree_size), occasion: row.occasion })),
    ...stale.map((row) => ({ tenantId: row.tenant_id, occasion: { kind: 'interval' as const, subject: null, cause: null } })),
  ];
}
