import { CHECKPOINT_EVENT, CheckpointEventData, checkpointStream } from './audit-checkpoints';
import { CheckpointOccasion, SqlRunner, TreeIncomplete, consistencyProofs } from './audit-tree';

/**
 * The file of a tenant's checkpoints that the Rechnungsprüfung keeps outside the system (cp.json):
 * every signed note, ordered by tree size, each with the consistency proof from the one before
 * it. The notes are the evidence; the other fields only help a reader and are not trusted by the
 * offline verifier.
 */
export const CHECKPOINT_FILE_FORMAT = 'sozialraum-budget/audit-checkpoints/v1';

export interface StoredCheckpoint {
  /** Version of the checkpoint in its stream: the order in which they were signed. */
  version: number;
  /** Log position of the checkpoint's own event. */
  position: string;
  data: CheckpointEventData;
}

/** The occasion of a checkpoint, flat, as the file and the API show it. */
export interface OccasionView {
  kind: CheckpointOccasion['kind'];
  subject: string | null;
  causeEventId: string | null;
  causePosition: string | null;
}

export const occasionView = (occasion: CheckpointOccasion): OccasionView => ({
  kind: occasion.kind,
  subject: occasion.subject ?? null,
  causeEventId: occasion.cause?.eventId ?? null,
  causePosition: occasion.cause?.position ?? null,
});

export interface CheckpointFileEntry {
  treeSize: number;
  rootHash: string;
  signedAt: string;
  occasion: OccasionView;
  position: string;
  note: string;
  /** RFC 9162 consistency proof (base64 hashes) from the entry before to this one; null for the first. */
  consistencyWithPrevious: string[] | null;
}

export interface CheckpointFile {
  format: typeof CHECKPOINT_FILE_FORMAT;
  tenantId: string;
  origin: string;
  writtenAt: string;
  checkpoints: CheckpointFileEntry[];
}

/** Checkpoints of the tenant, newest first, a page before the given stream version. */
export async function readCheckpoints(run: SqlRunner, tenantId: string, options: { beforeVersion?: number; limit?: number } = {}): Promise<StoredCheckpoint[]> {
  const rows: Array<{ stream_version: string; position: string; data: CheckpointEventData }> = await run(
    `select stream_version::text as stream_version, global_position::text as position, data from es_events
      where stream_id = $1 and type = $2 and ($3::bigint is null or stream_version < $3::bigint)
      order by stream_version desc limit $4`,
    [checkpointStream(tenantId), CHECKPOINT_EVENT, options.beforeVersion ?? null, options.limit ?? null],
  );
  return rows.map((row) => ({ version: Number(row.stream_version), position: row.position, data: row.data }));
}

/** The tenant's checkpoint file, or null before its first checkpoint. */
export async function checkpointFile(run: SqlRunner, tenantId: string, now: Date = new Date()): Promise<CheckpointFile | null> {
  const stored = (await readCheckpoints(run, tenantId)).sort((a, b) => a.data.treeSize - b.data.treeSize || a.version - b.version);
  if (stored.length === 0) return null;
  const pairs = stored.slice(1).map((checkpoint, i) => [stored[i].data.treeSize, checkpoint.data.treeSize] as const);
  let proofs: Array<string[] | null>;
  try {
    proofs = [null, ...(await consistencyProofs(run, tenantId, pairs)).map((proof) => proof.map((h) => h.toString('base64')))];
  } catch (error) {
    // A tree that lost rows cannot prove anything; the signed notes are handed out all the same.
    if (!(error instanceof TreeIncomplete)) throw error;
    proofs = stored.map(() => null);
  }
  const checkpoints: CheckpointFileEntry[] = stored.map((checkpoint, i) => {
    const { treeSize, rootHash, signedAt, occasion, note } = checkpoint.data;
    return { treeSize, rootHash, signedAt, occasion: occasionView(occasion), position: checkpoint.position, note, consistencyWithPrevious: proofs[i] };
  });
  return {
    format: CHECKPOINT_FILE_FORMAT,
    tenantId,
    origin: stored[stored.length - 1].data.origin,
    writtenAt: now.toISOString(),
    checkpoints,
  };
}
