import { leafHash } from '../../merkle';
import { StoredEvent } from '../event-store.port';
import { canonicalJson } from './canonical-json';

/**
 * One row of es_events exactly as stored: every column an auditor relies on, each in a form that
 * survives a round trip through JSON unchanged (positions and transaction ids as decimal strings,
 * the recording time to the microsecond PostgreSQL keeps, the business date column as text). It
 * is the data of the event's leaf in the tenant's Merkle tree and what an export line carries, so
 * the server and an offline verifier encode the same bytes.
 */
export interface AuditRecord {
  /** es_events.global_position */
  position: string;
  /** es_events.transaction_id: with the position, the commit order the tree follows. */
  transactionId: string;
  eventId: string;
  streamId: string;
  streamVersion: number;
  /** es_events.tenant_id, the column (metadata.tenantId is committed to as part of the metadata). */
  tenantId: string;
  type: string;
  /** As stored, before any upcaster. */
  schemaVersion: number;
  /** As stored, before any upcaster. */
  data: unknown;
  /** All of it: actor, correlation and causation, business date, command id, extras. */
  metadata: unknown;
  /** es_events.business_date, the column. */
  businessDate: string | null;
  /** es_events.recorded_at in UTC with microseconds, e.g. 2025-01-20T10:00:00.123456Z. */
  recordedAt: string;
  /** es_events.append_signature: the application's signature over its append; null on rows from before signing. */
  appendSignature: string | null;
}

/** Names the encoding, so that no other JSON the system hashes can pass for an event's leaf. */
export const AUDIT_LEAF_FORMAT = 'sozialraum-budget/event/v1';

/**
 * The leaf data: canonical JSON (keys sorted, no white space) of the record and the format name,
 * UTF-8. The append signature is a key of it only where a row has one, so the leaves of rows
 * stored before appends were signed keep their bytes, and stripping a signature changes the leaf.
 */
export function auditLeafData(record: AuditRecord): Buffer {
  return Buffer.from(
    canonicalJson({
      format: AUDIT_LEAF_FORMAT,
      position: record.position,
      transactionId: record.transactionId,
      eventId: record.eventId,
      streamId: record.streamId,
      streamVersion: record.streamVersion,
      tenantId: record.tenantId,
      type: record.type,
      schemaVersion: record.schemaVersion,
      data: record.data,
      metadata: record.metadata,
      businessDate: record.businessDate,
      recordedAt: record.recordedAt,
      ...(record.appendSignature !== null ? { appendSignature: record.appendSignature } : {}),
    }),
    'utf8',
  );
}

/** SHA-256(0x00 || leaf data), RFC 9162. */
export function auditLeafHash(record: AuditRecord): Buffer {
  return leafHash(auditLeafData(record));
}

/**
 * The columns of a record as SQL returns them. The driver would turn a date into local midnight and
 * cut a timestamp to milliseconds, so both are read as text; `recorded_at` stays as the driver
 * parses it, for the event hash of the older chain.
 */
export const AUDIT_RECORD_COLUMNS = `e.global_position::text as position, e.transaction_id::text as transaction_id, e.event_id::text as event_id,
  e.stream_id, e.stream_version::text as stream_version, e.tenant_id, e.type, e.schema_version, e.data, e.metadata,
  e.business_date::text as business_date, e.append_signature,
  to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as recorded_at_exact, e.recorded_at`;

export interface AuditRecordRow {
  position: string;
  transaction_id: string;
  event_id: string;
  stream_id: string;
  stream_version: string;
  tenant_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: StoredEvent['metadata'];
  business_date: string | null;
  append_signature: string | null;
  recorded_at_exact: string;
  recorded_at: Date;
}

export function auditRecordOf(row: AuditRecordRow): AuditRecord {
  return {
    position: row.position,
    transactionId: row.transaction_id,
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    tenantId: row.tenant_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    businessDate: row.business_date,
    recordedAt: row.recorded_at_exact,
    appendSignature: row.append_signature,
  };
}

/** The row as the event store hands it out (without upcasting): what the older hash chain hashes. */
export function storedEventOf(row: AuditRecordRow): StoredEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    globalPosition: BigInt(row.position),
    transactionId: BigInt(row.transaction_id),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}
