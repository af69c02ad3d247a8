import { Pool, PoolClient } from 'pg';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  LOG_START,
  LogCheckpoint,
  NewEvent,
  ReadAllBatch,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
} from '../event-store.port';
import { EventIdConflict, StreamTenantMismatch, WrongExpectedVersion } from '../errors';
import { ValidatedAppend, validateAppend } from '../append-validation';
import { UpcasterRegistry } from '../upcaster-registry';
import { AppendSigner } from '../audit/append-signature';

const EVENT_COLUMNS = `event_id, stream_id, stream_version, global_position, transaction_id::text as txid,
  type, schema_version, data, metadata, recorded_at`;

interface EventRow {
  event_id: string;
  stream_id: string;
  stream_version: string;
  global_position: string;
  txid: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: StoredEvent['metadata'];
  recorded_at: Date;
}

/** Told of every append that wrote events (for the process's metrics); never of a replayed one. */
export type AppendObserver = (events: number) => void;

export interface PostgresEventStoreOptions {
  observeAppend?: AppendObserver;
  /**
   * Signs every append with the application's key (audit/append-signature.ts). Without it appends
   * are stored unsigned, which the offline verification reports once a log holds signed ones.
   */
  signer?: AppendSigner;
}

export class PostgresEventStore implements EventStore {
  private readonly observeAppend: AppendObserver;
  private readonly signer: AppendSigner | undefined;
  /** Appends under way in this store: those that may share a batch signature. */
  private appendsInFlight = 0;

  constructor(
    private readonly pool: Pool,
    private readonly upcasters: UpcasterRegistry = new UpcasterRegistry(),
    options: PostgresEventStoreOptions = {},
  ) {
    this.observeAppend = options.observeAppend ?? (() => undefined);
    this.signer = options.signer;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.appendWith(null, streamId, events, options);
  }

  /**
   * Appends through a given client, inside whatever transaction it has open (several streams can
   * then be written atomically). Without a client the append is its own transaction.
   */
  async appendWith(client: PoolClient | null, streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    // New events carry the shape readers expect today, so no upcaster runs on them.
    const current = events.map((e) => (e.schemaVersion === undefined ? { ...e, schemaVersion: this.upcasters.currentVersion(e.type) } : e));
    const request = validateAppend(streamId, current, options);
    const expectedKind = typeof request.expected === 'number' ? 'exact' : request.expected;
    const expectedVersion = typeof request.expected === 'number' ? request.expected : null;
    const params = [
      streamId,
      request.tenantId,
      expectedKind,
      expectedVersion,
      request.events.map((e) => e.eventId),
      request.events.map((e) => e.type),
      request.events.map((e) => e.schemaVersion),
      request.events.map((e) => e.dataJson),
      request.events.map((e) => e.metadataJson),
      request.events.map((e) => e.businessDate),
      null as string | null,
    ];
    const sql = `select stream_version, positions, already_stored
                   from es_append($1, $2, $3, $4, $5::uuid[], $6::text[], $7::int[], $8::jsonb[], $9::jsonb[], $10::date[], $11::text)`;
    this.appendsInFlight++;
    try {
      if (this.signer) params[10] = await signatureOf(this.signer, streamId, request, this.appendsInFlight - 1);
      return await this.runAppend(client, streamId, request, sql, params);
    } finally {
      this.appendsInFlight--;
    }
  }

  private async runAppend(client: PoolClient | null, streamId: string, request: ValidatedAppend, sql: string, params: unknown[]): Promise<AppendResult> {
    // es_append looks for the event ids again once it holds the stream row (or has found the
    // expectation violated), so a retry racing its original answers with the original result. The
    // second attempt on a unique violation of the event id stays as a last line of defence.
    for (let attempt = 0; ; attempt++) {
      try {
        const { rows } = await (client ?? this.pool).query(sql, params);
        const row = rows[0];
        if (!row.already_stored) this.observeAppend(request.events.length);
        return {
          streamVersion: Number(row.stream_version),
          positions: (row.positions as string[]).map((p) => BigInt(p)),
          alreadyStored: row.already_stored,
        };
      } catch (error) {
        const pgError = error as { code?: string; constraint?: string };
        if (!client && pgError.code === '23505' && pgError.constraint === 'es_events_event_id_key' && attempt === 0) continue;
        throw translateError(
          error,
          streamId,
          request.expected,
          request.events.map((e) => e.eventId),
        );
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    const limit = options.maxCount ?? null;
    const from = options.fromVersion ?? (backwards ? Number.MAX_SAFE_INTEGER : 1);
    const { rows } = await this.pool.query<EventRow>(
      `select ${EVENT_COLUMNS} from es_events
        where stream_id = $1 and stream_version ${backwards ? '<=' : '>='} $2
        order by stream_version ${backwards ? 'desc' : 'asc'}
        limit $3`,
      [streamId, from, limit],
    );
    return rows.map((row) => this.toStored(row));
  }

  async streamVersion(streamId: string): Promise<number | null> {
    const { rows } = await this.pool.query('select version from es_streams where stream_id = $1', [streamId]);
    return rows.length ? Number(rows[0].version) : null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllBatch> {
    const after = options.after ?? LOG_START;
    const batchSize = options.batchSize ?? 500;
    // Only transactions older than the oldest one still running are read: an event whose
    // transaction commits late can then never be passed by the cursor.
    const { rows } = await this.pool.query<EventRow>(
      `select ${EVENT_COLUMNS} from es_events
        where (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
          and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        order by transaction_id, global_position
        limit $3`,
      [after.transactionId.toString(), after.position.toString(), batchSize],
    );
    const events = rows.map((row) => this.toStored(row));
    const last = events[events.length - 1];
    return { events, checkpoint: last ? { transactionId: last.transactionId, position: last.globalPosition } : after };
  }

  async headCheckpoint(): Promise<LogCheckpoint> {
    const { rows } = await this.pool.query(
      `select transaction_id::text as txid, global_position from es_events
        order by transaction_id desc, global_position desc limit 1`,
    );
    return rows.length ? { transactionId: BigInt(rows[0].txid), position: BigInt(rows[0].global_position) } : LOG_START;
  }

  /** Events of several streams up to a log position, in log order (for replays "as known at"). */
  async readStreams(streamIds: string[], upTo?: bigint): Promise<StoredEvent[]> {
    if (streamIds.length === 0) return [];
    const { rows } = await this.pool.query<EventRow>(
      `select ${EVENT_COLUMNS} from es_events
        where stream_id = any($1::text[]) and ($2::bigint is null or global_position <= $2::bigint)
        order by transaction_id, global_position`,
      [streamIds, upTo === undefined ? null : upTo.toString()],
    );
    return rows.map((row) => this.toStored(row));
  }

  /** Whether the transaction of an event wrote further events after it (a batch cut inside it). */
  async transactionContinuesAfter(checkpoint: LogCheckpoint): Promise<boolean> {
    const { rows } = await this.pool.query('select 1 from es_events where transaction_id = $1::text::xid8 and global_position > $2::bigint limit 1', [
      checkpoint.transactionId.toString(),
      checkpoint.position.toString(),
    ]);
    return rows.length > 0;
  }

  /**
   * One tenant's events in log order, optionally of one stream or type, for audit listings and
   * exports. Same commit-order guard as readAll, so paging never passes an event committing late.
   */
  async readTenantLog(tenantId: string, options: { after?: LogCheckpoint; limit: number; streamId?: string; type?: string }): Promise<StoredEvent[]> {
    const after = options.after ?? LOG_START;
    const { rows } = await this.pool.query<EventRow>(
      `select ${EVENT_COLUMNS} from es_events
        where (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
          and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          and metadata->>'tenantId' = $3
          and ($4::text is null or stream_id = $4::text)
          and ($5::text is null or type = $5::text)
        order by transaction_id, global_position
        limit $6`,
      [after.transactionId.toString(), after.position.toString(), tenantId, options.streamId ?? null, options.type ?? null, options.limit],
    );
    return rows.map((row) => this.toStored(row));
  }

  /**
   * Every event of a tenant committed when the call starts, in commit order, in batches: read in
   * one repeatable-read snapshot, so nothing is cut off by a transaction still in flight (as the
   * consumer guard would) and no page can miss an event.
   */
  async *tenantLogSnapshot(tenantId: string, batchSize = 2000): AsyncGenerator<StoredEvent[]> {
    const client = await this.pool.connect();
    let committed = false;
    let broken = false;
    try {
      await client.query('begin isolation level repeatable read read only');
      let after = LOG_START;
      for (;;) {
        const { rows } = await client.query<EventRow>(
          `select ${EVENT_COLUMNS} from es_events
            where (transaction_id, global_position) > ($1::text::xid8, $2::bigint) and metadata->>'tenantId' = $3
            order by transaction_id, global_position limit $4`,
          [after.transactionId.toString(), after.position.toString(), tenantId, batchSize],
        );
        if (rows.length === 0) break;
        const events = rows.map((row) => this.toStored(row));
        yield events;
        const last = events[events.length - 1];
        after = { transactionId: last.transactionId, position: last.globalPosition };
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

  private toStored(row: EventRow): StoredEvent {
    const { schemaVersion, data } = this.upcasters.upcast(row.type, row.schema_version, row.data);
    return {
      eventId: row.event_id,
      streamId: row.stream_id,
      streamVersion: Number(row.stream_version),
      globalPosition: BigInt(row.global_position),
      transactionId: BigInt(row.txid),
      type: row.type,
      schemaVersion,
      data,
      metadata: row.metadata,
      recordedAt: row.recorded_at,
      ...(schemaVersion !== row.schema_version ? { stored: { schemaVersion: row.schema_version, data: row.data } } : {}),
    };
  }
}

/**
 * Signed over the JSON as it will read back from jsonb, which is what a verifier sees: the values
 * are plain JSON (validateAppend), so their canonical form is the same before and after.
 */
function signatureOf(signer: AppendSigner, streamId: string, request: ValidatedAppend, othersInFlight: number): Promise<string> {
  // A validated event holds every field the signature covers; the message takes only those.
  return signer.sign({ streamId, tenantId: request.tenantId, events: request.events }, othersInFlight);
}

function translateError(raw: unknown, streamId: string, expected: AppendOptions['expected'], eventIds: string[]): Error {
  const error = raw as Error & { code?: string; detail?: string; constraint?: string };
  switch (error?.code) {
    case 'ESWEV':
      return new WrongExpectedVersion(streamId, expected, error.detail ? Number(error.detail) : null);
    case 'ESDUP':
      return new EventIdConflict(error.detail ? String(error.detail).split(',') : eventIds);
    case 'ESTEN':
      return new StreamTenantMismatch(streamId);
    case '23505':
      if (error.constraint === 'es_events_event_id_key') return new EventIdConflict(eventIds);
      return error;
    default:
      return error;
  }
}
