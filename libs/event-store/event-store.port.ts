/**
 * The event store port. Adapters (PostgreSQL, EventStoreDB) implement it and are held to one
 * contract test suite (test/event-store-contract).
 *
 * Stream versions are 1-based: the first event of a stream has version 1 and a stream's version is
 * the number of events in it.
 */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

export interface EventActor {
  userId: string;
  role: string;
  organisationId: string;
}

export interface EventMetadata {
  tenantId: string;
  actor: EventActor;
  correlationId: string;
  causationId?: string | null;
  /** ISO calendar date (YYYY-MM-DD) the event counts for in the business. */
  businessDate?: string | null;
  /** Free-form, JSON-serialisable extras (request id, reason codes, ...). */
  [extra: string]: unknown;
}

export interface NewEvent<T = unknown> {
  /** UUID; supply it to make a retried append idempotent. */
  eventId?: string;
  type: string;
  schemaVersion?: number;
  data: T;
  metadata: EventMetadata;
}

export interface StoredEvent<T = unknown> {
  eventId: string;
  streamId: string;
  streamVersion: number;
  globalPosition: bigint;
  transactionId: bigint;
  type: string;
  schemaVersion: number;
  data: T;
  metadata: EventMetadata;
  recordedAt: Date;
  /** As stored, when an upcaster changed the shape on reading (the audit chain hashes this). */
  stored?: { schemaVersion: number; data: unknown };
}

export interface AppendOptions {
  expected: ExpectedVersion;
}

export interface AppendResult {
  /** The stream's version after the append. */
  streamVersion: number;
  /** Global positions of the appended events, in stream order. */
  positions: bigint[];
  /** True when all events were already stored (an idempotent retry); nothing was written. */
  alreadyStored: boolean;
}

/**
 * A position in the global log. Ordering is by (transactionId, position): a cursor on the
 * position alone would skip events whose transaction commits late.
 */
export interface LogCheckpoint {
  transactionId: bigint;
  position: bigint;
}

export const LOG_START: LogCheckpoint = Object.freeze({ transactionId: 0n, position: 0n });

export interface ReadStreamOptions {
  /** Forwards: first version to return (default 1). Backwards: last version (default: head). */
  fromVersion?: number;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadAllOptions {
  after?: LogCheckpoint;
  batchSize?: number;
}

export interface ReadAllBatch {
  events: StoredEvent[];
  /** Checkpoint after the last returned event (unchanged if none were returned). */
  checkpoint: LogCheckpoint;
}

export interface EventStore {
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** Current version of a stream, or null if it does not exist. */
  streamVersion(streamId: string): Promise<number | null>;
  readAll(options?: ReadAllOptions): Promise<ReadAllBatch>;
  /** Checkpoint of the newest event in the log (visible or not yet visible to consumers). */
  headCheckpoint(): Promise<LogCheckpoint>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

export function compareCheckpoints(a: LogCheckpoint, b: LogCheckpoint): number {
  if (a.transactionId !== b.transactionId) return a.transactionId < b.transactionId ? -1 : 1;
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return 0;
}
