import { EMPTY_ROOT, NodeRef, TreeFrontier, consistencyPlan, inclusionPlan, nodesOf, resolvePlan, rootPlan } from '../../merkle';
import { RowChange } from '../row-changes';
import { AuditRecord, auditLeafHash } from './audit-record';

/**
 * The tenants' Merkle trees as tables: es_audit_leaves holds each leaf with the log position it
 * commits to, es_audit_nodes every perfect subtree above the leaves. A root or a proof of any
 * size then reads O(log n) rows, and a batch of events adds O(log n) rows per event.
 */

/** Runs one statement and answers its rows: a pool, a client or a projection's EntityManager. */
export type SqlRunner = <R = Record<string, unknown>>(sql: string, params: unknown[]) => Promise<R[]>;

export const viaClient =
  (client: { query: (sql: string, params: unknown[]) => Promise<{ rows: unknown[] }> }): SqlRunner =>
  async <R>(sql: string, params: unknown[]) =>
    (await client.query(sql, params)).rows as R[];

export const viaManager =
  (manager: { query: (sql: string, params: unknown[]) => Promise<unknown> }): SqlRunner =>
  async <R>(sql: string, params: unknown[]) =>
    (await manager.query(sql, params)) as R[];

/** Why a checkpoint is signed: its kind, and for a close the event that closed. */
export interface CheckpointOccasion {
  kind: 'interval' | 'month-close' | 'year-close' | 'request';
  /** What was closed, e.g. "HRO-TW 2025-03"; null for the interval and on request. */
  subject: string | null;
  /** The event that made the checkpoint due (the close); null for the interval and on request. */
  cause: { eventId: string; position: string; type: string; correlationId: string } | null;
}

export type AuditTreeTables = {
  es_audit_leaves: { tenant_id: string; leaf_index: string; global_position: string; event_type: string; recorded_at: string; leaf_hash: Buffer };
  es_audit_nodes: { tenant_id: string; level: number; node_index: string; hash: Buffer };
  es_audit_trees: { tenant_id: string; size: string };
};
export type AuditTreeChange = RowChange<AuditTreeTables>;

/** A tenant's tree as stored before the batch: its size and the hashes of rootPlan(size). */
export interface StoredEdge {
  size: number;
  edge: Buffer[];
}

/**
 * What a batch of records adds to the trees, in commit order: a leaf per record in its tenant's
 * tree, the subtrees it completes, and the new sizes. A leaf or subtree that exists already fails
 * the batch: a tree is never written twice.
 */
export function auditTreeChanges(edges: ReadonlyMap<string, StoredEdge>, records: readonly AuditRecord[]): AuditTreeChange[] {
  const frontiers = new Map<string, TreeFrontier>();
  const leaves: AuditTreeChange[] = [];
  const nodes: AuditTreeChange[] = [];
  for (const record of records) {
    let frontier = frontiers.get(record.tenantId);
    if (!frontier) {
      const stored = edges.get(record.tenantId) ?? { size: 0, edge: [] };
      frontier = new TreeFrontier(stored.size, stored.edge);
      frontiers.set(record.tenantId, frontier);
    }
    const [leaf, ...completed] = frontier.append(auditLeafHash(record));
    leaves.push({
      kind: 'insert',
      table: 'es_audit_leaves',
      row: {
        tenant_id: record.tenantId,
        leaf_index: String(leaf.index),
        global_position: record.position,
        event_type: record.type,
        recorded_at: record.recordedAt,
        leaf_hash: leaf.hash,
      },
      onConflict: 'fail',
    });
    for (const node of completed) {
      nodes.push({
        kind: 'insert',
        table: 'es_audit_nodes',
        row: { tenant_id: record.tenantId, level: node.level, node_index: String(node.index), hash: node.hash },
        onConflict: 'fail',
      });
    }
  }
  const sizes: AuditTreeChange[] = [...frontiers].map(([tenantId, frontier]) => ({
    kind: 'upsert',
    table: 'es_audit_trees',
    row: { tenant_id: tenantId, size: String(frontier.size) },
    key: ['tenant_id'],
    onConflict: 'replace',
  }));
  return [...leaves, ...nodes, ...sizes];
}

/** The stored hashes of perfect subtrees of one tenant's tree, keyed "level:index"; missing ones are left out. */
export async function readNodes(run: SqlRunner, tenantId: string, refs: readonly NodeRef[]): Promise<Map<string, Buffer>> {
  if (refs.length === 0) return new Map();
  const rows: Array<{ level: number; node_index: string; hash: Buffer | null }> = await run(
    `select r.level, r.idx::text as node_index,
            case when r.level = 0
                 then (select l.leaf_hash from es_audit_leaves l where l.tenant_id = $1 and l.leaf_index = r.idx)
                 else (select n.hash from es_audit_nodes n where n.tenant_id = $1 and n.level = r.level and n.node_index = r.idx) end as hash
       from unnest($2::int[], $3::bigint[]) as r(level, idx)`,
    [tenantId, refs.map((r) => r.level), refs.map((r) => String(r.index))],
  );
  return new Map(rows.filter((r) => r.hash).map((r) => [`${r.level}:${r.node_index}`, r.hash as Buffer]));
}

/** The tree's subtrees ran out under a plan: rows of the tree were removed. */
export class TreeIncomplete extends Error {}

async function resolve(run: SqlRunner, tenantId: string, plans: readonly NodeRef[][]): Promise<Buffer[]> {
  const found = await readNodes(run, tenantId, nodesOf(plans));
  return resolvePlan(plans, (node) => {
    const hash = found.get(`${node.level}:${node.index}`);
    if (!hash) throw new TreeIncomplete(`the audit tree of ${tenantId} has no subtree ${node.level}:${node.index}`);
    return hash;
  });
}

/** Reads each tenant's stored edge, locking its size row until the transaction ends (one writer per tree). */
export async function readEdges(run: SqlRunner, tenantIds: readonly string[]): Promise<Map<string, StoredEdge>> {
  const rows: Array<{ tenant_id: string; size: string }> = await run(
    'select tenant_id, size::text as size from es_audit_trees where tenant_id = any($1::text[]) order by tenant_id for update',
    [tenantIds],
  );
  const edges = new Map<string, StoredEdge>();
  for (const row of rows) {
    const size = Number(row.size);
    edges.set(row.tenant_id, {
      size,
      edge: await resolve(
        run,
        row.tenant_id,
        rootPlan(size).map((node) => [node]),
      ),
    });
  }
  return edges;
}

export async function treeSize(run: SqlRunner, tenantId: string): Promise<number> {
  const [row] = await run('select size::text as size from es_audit_trees where tenant_id = $1', [tenantId]);
  return row ? Number(row.size) : 0;
}

/** The root of the tenant's first `size` leaves. */
export async function rootAt(run: SqlRunner, tenantId: string, size: number): Promise<Buffer> {
  if (size === 0) return EMPTY_ROOT;
  const [root] = await resolve(run, tenantId, [rootPlan(size)]);
  return root;
}

/** The leaf of the event at a log position in the tenant's tree, or null when the tree has not taken it up. */
export async function leafAt(run: SqlRunner, tenantId: string, position: string): Promise<{ index: number; hash: Buffer } | null> {
  const [row] = await run<{ leaf_index: string; leaf_hash: Buffer }>(
    'select leaf_index::text as leaf_index, leaf_hash from es_audit_leaves where tenant_id = $1 and global_position = $2::bigint',
    [tenantId, position],
  );
  return row ? { index: Number(row.leaf_index), hash: row.leaf_hash } : null;
}

/** The audit path of leaf `index` in the tree of `size` leaves, and that tree's root. */
export async function inclusionProof(run: SqlRunner, tenantId: string, index: number, size: number): Promise<{ path: Buffer[]; root: Buffer }> {
  const plans = [...inclusionPlan(index, size), rootPlan(size)];
  const hashes = await resolve(run, tenantId, plans);
  return { path: hashes.slice(0, -1), root: hashes[hashes.length - 1] };
}

/** The consistency proof from the tree of `from` leaves to the tree of `to` leaves, and both roots. */
export async function consistencyProof(
  run: SqlRunner,
  tenantId: string,
  from: number,
  to: number,
): Promise<{ proof: Buffer[]; fromRoot: Buffer; toRoot: Buffer }> {
  const plans = [...consistencyPlan(from, to), rootPlan(from), rootPlan(to)];
  const hashes = await resolve(run, tenantId, plans);
  return { proof: hashes.slice(0, -2), fromRoot: hashes[hashes.length - 2], toRoot: hashes[hashes.length - 1] };
}

/** Consistency proofs between several pairs of sizes (each from <= to), from one read of the subtrees they need. */
export async function consistencyProofs(run: SqlRunner, tenantId: string, pairs: ReadonlyArray<readonly [number, number]>): Promise<Buffer[][]> {
  const plans = pairs.map(([from, to]) => consistencyPlan(from, to));
  const hashes = await resolve(run, tenantId, plans.flat());
  const proofs: Buffer[][] = [];
  let next = 0;
  for (const plan of plans) {
    proofs.push(hashes.slice(next, next + plan.length));
    next += plan.length;
  }
  return proofs;
}
