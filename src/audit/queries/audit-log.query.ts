import { Inject, Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches, MaxLength } from 'class-validator';
import { IsOptional } from '../../../libs/http/validators';
import { Pool } from 'pg';
import { PG_POOL } from '../../../libs/database/database.module';
import { LogCheckpoint, StoredEvent } from '../../../libs/event-store';
import { PostgresEventStore } from '../../../libs/event-store/postgres/postgres-event-store';
import { eventHash } from '../../../libs/event-store/audit/audit-chain';
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

/** One recorded event as the Rechnungsprüfung sees it: what, where, who, when, why, and its hash. */
export interface AuditLogEntry {
  position: string;
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  actor: StoredEvent['metadata']['actor'];
  correlationId: string;
  causationId: string | null;
  businessDate: string | null;
  recordedAt: string;
  /** SHA-256 over the event as recorded; the audit chain links these hashes. */
  eventHash: string;
  /** Index of the event's link in the audit chain; null until the chain has taken it up (seconds). */
  chainIndex: string | null;
}

@Injectable()
export class AuditLogQueries {
  constructor(
    private readonly store: PostgresEventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** The tenant's event log in commit order, a page at a time. */
  async page(tenantId: string, query: AuditLogQuery): Promise<Page<AuditLogEntry>> {
    const limit = query.limit ?? 50;
    const cursor = decodeCursor(query.cursor, ['digits', 'digits']);
    const after: LogCheckpoint | undefined = cursor ? { transactionId: BigInt(cursor[0] as string), position: BigInt(cursor[1] as string) } : undefined;
    if (query.streamId && !query.streamId.startsWith(`${tenantId}/`)) return { items: [], nextCursor: null };
    const events = await this.store.readTenantLog(tenantId, { after, limit: limit + 1, streamId: query.streamId, type: query.type });
    const shown = events.slice(0, limit);
    const items = await this.entries(shown);
    const last = shown[shown.length - 1];
    return { items, nextCursor: events.length > limit && last ? encodeCursor([last.transactionId.toString(), last.globalPosition.toString()]) : null };
  }

  /** Every event of the tenant committed when the export starts, as NDJSON lines in commit order. */
  async *exportLines(tenantId: string): AsyncGenerator<string> {
    for await (const events of this.store.tenantLogSnapshot(tenantId)) {
      for (const entry of await this.entries(events)) yield `${JSON.stringify(entry)}\n`;
    }
  }

  private async entries(events: StoredEvent[]): Promise<AuditLogEntry[]> {
    if (events.length === 0) return [];
    const { rows } = await this.pool.query<{ global_position: string; chain_index: string }>(
      'select global_position::text, chain_index::text from es_audit_chain where global_position = any($1::bigint[])',
      [events.map((e) => e.globalPosition.toString())],
    );
    const links = new Map(rows.map((r) => [r.global_position, r.chain_index]));
    return events.map((e) => ({
      position: e.globalPosition.toString(),
      eventId: e.eventId,
      streamId: e.streamId,
      streamVersion: e.streamVersion,
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      actor: e.metadata.actor,
      correlationId: e.metadata.correlationId,
      causationId: e.metadata.causationId ?? null,
      businessDate: e.metadata.businessDate ?? null,
      recordedAt: e.recordedAt.toISOString(),
      eventHash: eventHash(e),
      chainIndex: links.get(e.globalPosition.toString()) ?? null,
    }));
  }
}
