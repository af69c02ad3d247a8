import { Pool } from 'pg';
import { LOG_START, LogCheckpoint } from '../event-store.port';
import { AUDIT_RECORD_COLUMNS, AuditRecordRow } from './audit-record';

/**
 * A tenant's events as the Rechnungsprüfung reads and exports them: each row as stored, with the
 * leaf the tenant's tree holds for it and its link in the older hash chain. The tenant is the
 * es_events.tenant_id column, the same that decides which tree an event's leaf is in.
 */
export interface AuditEntryRow extends AuditRecordRow {
  leaf_index: string | null;
  leaf_hash: Buffer | null;
  chain_index: string | null;
}

const ENTRY_FROM = `select ${AUDIT_RECORD_COLUMNS}, l.leaf_index::text as leaf_index, l.leaf_hash, c.chain_index::text as chain_index
  from es_events e
  left join es_audit_leaves l on l.global_position = e.global_position and l.tenant_id = e.tenant_id
  left join es_audit_chain c on c.global_position = e.global_position`;

/**
 * One page in commit order, optionally of one stream or type. Like the consumers, it reads only
 * transactions older than the oldest one still running, so paging never passes an event that
 * commits late.
 */
export async function readTenantEntries(
  pool: Pool,
  tenantId: string,
  options: { after?: LogCheckpoint; limit: number; streamId?: string; type?: string },
): Promise<AuditEntryRow[]> {
  const after = options.after ?? LOG_START;
  const { rows } = await pool.query<AuditEntryRow>(
    `${ENTRY_FROM}
      where (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
        and e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        and e.tenant_id = $3
        and ($4::text is null or e.stream_id = $4::text)
        and ($5::text is null or e.type = $5::text)
      order by e.transaction_id, e.global_position
      limit $6`,
    [after.transactionId.toString(), after.position.toString(), tenantId, options.streamId ?? null, options.type ?? null, options.limit],
  );
  return rows;
}

/**
 * Every event of the tenant committed when the call starts, in commit order, in batches, read in
 * one repeatable-read snapshot: nothing is cut off by a transaction still in flight, no batch can
 * miss an event, and the leaves are those of the same moment.
 */
export async function* tenantEntrySnapshot(pool: Pool, tenantId: string, batchSize = 2000): AsyncGenerator<AuditEntryRow[]> {
  const client = await pool.connect();
  let committed = false;
  let broken = false;
  try {
    await client.query('begin isolation level repeatable read read only');
    let after = LOG_START;
    for (;;) {
      const { rows } = await client.query<AuditEntryRow>(
        `${ENTRY_FROM}
          where (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint) and e.tenant_id = $3
          order by e.transaction_id, e.global_position limit $4`,
        [after.transactionId.toString(), after.position.toString(), tenantId, batchSize],
      );
      if (rows.length === 0) break;
      yield rows;
      const last = rows[rows.length - 1];
      after = { transactionId: BigInt(last.transaction_id), position: BigInt(last.position) };
    }
    await client.query('commit');
    committed = true;
  } finally {
    // Also when the reader stopped early: the client goes back to the pool outside a transaction.
    if (!committed) {
      await client.query('rollback').catch(() => {
        broken = true;
      });
    }
    client.release(broken);
  }
}
