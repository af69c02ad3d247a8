import { Inject, Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches, MaxLength } from 'class-validator';
import { IsOptional } from '../../../libs/http/validators';
import { Pool } from 'pg';
import { PG_POOL } from '../../../libs/database/database.module';
import { LogCheckpoint, StoredEvent } from '../../../libs/event-store';
import { eventHash } from '../../../libs/event-store/audit/audit-chain';
import { AuditRecord, auditRecordOf, storedEventOf } from '../../../libs/event-store/audit/audit-record';
import { AuditEntryRow, readTenantEntries, tenantEntrySnapshot } from '../../../libs/event-store/audit/audit-entries';
import { Page, PageQuery, decodeCursor, encodeCursor } from '../../../libs/http/pagination';
import { localised } from '../../../libs/http/validation-messages';

export class AuditLogQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Nur die Ereignisse dieses Datenstroms (volle Kennung, beginnend mit dem Mandanten)', example: 'HRO-JA/case/TW-25-001' })
  @IsOptional()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9/_.-]*$/, {
    message: localised('muss die Kennung eines Datenstroms wie HRO-JA/case/TW-25-001 sein.', 'must be a stream id such as HRO-JA/case/TW-25-001.'),
  })
  streamId?: string;

  @ApiPropertyOptional({ description: 'Nur Ereignisse dieses Typs', example: 'InvoiceVerified' })
  @IsOptional()
  @MaxLength(100)
  @Matches(/^[A-Z][A-Za-z]*$/, { message: localised('muss ein Ereignistyp wie ApprovalGranted sein.', 'must be an event type such as ApprovalGranted.') })
  type?: string;
}

/**
 * One recorded event as the Rechnungsprüfung sees it: every stored column (the record its leaf in
 * the tenant's Merkle tree commits to), who, when and why read out of the metadata, and where it
 * sits in the tree and in the older hash chain. An export line is the same object.
 */
export interface AuditLogEntry extends AuditRecord {
  actor: StoredEvent['metadata']['actor'];
  correlationId: string;
  causationId: string | null;
  /** SHA-256 over the event as recorded; the older hash chain links these hashes. */
  eventHash: string;
  /** Index of the event's link in the hash chain; null until the chain has taken it up (seconds). */
  chainIndex: string | null;
  /** Index of the event's leaf in the tenant's Merkle tree; null until the tree has taken it up (seconds). */
  leafIndex: string | null;
  /** The leaf hash recorded when the tree took the event up (Base64); an offline verifier compares it with the columns. */
  leafHash: string | null;
}

@Injectable()
export class AuditLogQueries {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** The tenant's event log in commit order, a page at a time. */
  async page(tenantId: string, query: AuditLogQuery): Promise<Page<AuditLogEntry>> {
    const limit = query.limit ?? 50;
    const cursor = decodeCursor(query.cursor, ['digits', 'digits']);
    const after: LogCheckpoint | undefined = cursor ? { transactionId: BigInt(cursor[0] as string), position: BigInt(cursor[1] as string) } : undefined;
    if (query.streamId && !query.streamId.startsWith(`${tenantId}/`)) return { items: [], nextCursor: null };
    const rows = await readTenantEntries(this.pool, tenantId, { after, limit: limit + 1, streamId: query.streamId, type: query.type });
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return { items: shown.map(entryOf), nextCursor: rows.length > limit && last ? encodeCursor([last.transaction_id, last.position]) : null };
  }

  /** Every event of the tenant committed when the export starts, as NDJSON lines in commit order: the input of `verify-offline`. */
  async *exportLines(tenantId: string): AsyncGenerator<string> {
    for await (const rows of tenantEntrySnapshot(this.pool, tenantId)) {
      for (const row of rows) yield `${JSON.stringify(entryOf(row))}\n`;
    }
  }
}

function entryOf(row: AuditEntryRow): AuditLogEntry {
  const record = auditRecordOf(row);
  const metadata = row.metadata;
  return {
    ...record,
    actor: metadata.actor,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId ?? null,
    eventHash: eventHash(storedEventOf(row)),
    chainIndex: row.chain_index,
    leafIndex: row.leaf_index,
    leafHash: row.leaf_hash ? row.leaf_hash.toString('base64') : null,
  };
}
