import { randomUUID } from 'node:crypto';
import { EventStore, LogCheckpoint, StoredEvent, compareCheckpoints } from '../event-store.port';
import { ConsumerLease } from './consumer-lease';
import { TransactionRunner } from './transaction-runner';

export type BatchHandler<TTx> = (events: StoredEvent[], tx: TTx) => Promise<void>;

export interface ConsumerOptions<TTx> {
  name: string;
  store: EventStore;
  runner: TransactionRunner<TTx>;
  handler: BatchHandler<TTx>;
  /** Connection string for the lease's own session. */
  connectionString: string;
  batchSize?: number;
  idleDelayMs?: number;
  staleAfterMs?: number;
  instanceId?: string;
  onError?: (error: unknown) => void;
}

export class CheckpointMoved extends Error {
  constructor(name: string) {
    super(`checkpoint of consumer ${name} moved under this instance; batch discarded`);
  }
}

/**
 * Reads the global log from a stored checkpoint and hands batches to a handler. The handler's
 * writes and the checkpoint update commit in one transaction, so a crash anywhere in a batch
 * leaves either both or neither: the read model never counts an event twice.
 */
export class CheckpointedConsumer<TTx> {
  readonly instanceId: string;
  private readonly lease: ConsumerLease;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private lastError: unknown = null;
  /** Set once the status row was seen 'live' while this instance held the lease. */
  private knownLive = false;

  constructor(private readonly options: ConsumerOptions<TTx>) {
    this.instanceId = options.instanceId ?? randomUUID();
    const staleAfterMs = options.staleAfterMs ?? 30_000;
    this.lease = new ConsumerLease({
      connectionString: options.connectionString,
      name: options.name,
      instanceId: this.instanceId,
      staleAfterMs,
      heartbeatMs: Math.max(50, Math.floor(staleAfterMs / 3)),
    });
  }

  get name(): string {
    return this.options.name;
  }

  get isActive(): boolean {
    return this.lease.held;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
    await this.lease.release();
  }

  /** Nudges an idle consumer to poll now (e.g. after this process appended). */
  poke(): void {
    this.wake?.();
  }

  /**
   * Processes batches until the log is exhausted, in the calling context. Used by rebuilds and
   * tests; requires the lease.
   */
  /**
   * Processes everything committed before the call. An empty batch alone does not prove that:
   * the log is not read past the oldest transaction still in flight anywhere in the cluster, so
   * drain reads on until its checkpoint has reached the head it saw at the start.
   */
  async drain(timeoutMs = 60_000, onProgress?: (processed: number) => void): Promise<number> {
    if (!(await this.lease.tryAcquire())) throw new Error(`consumer ${this.name} is active in another instance`);
    const target = await this.options.store.headCheckpoint();
    const deadline = Date.now() + timeoutMs;
    let total = 0;
    for (;;) {
      let processed: number;
      try {
        processed = await this.processBatch();
      } catch (error) {
        // This instance's background loop committed the same batch first: read on from there.
        if (error instanceof CheckpointMoved) continue;
        throw error;
      }
      total += processed;
      if (processed > 0) {
        onProgress?.(total);
        continue;
      }
      if (compareCheckpoints(await this.checkpoint(), target) >= 0) {
        await this.markLiveIfCaughtUp(target);
        return total;
      }
      if (Date.now() > deadline) throw new Error(`consumer ${this.name} did not reach the head of the log within ${timeoutMs} ms`);
      await delay(10);
    }
  }

  /**
   * Truncate-and-replay of this consumer's read model. The truncation and the checkpoint reset
   * commit together and every batch commits its checkpoint, so an interrupted rebuild resumes
   * where it stopped when called again (status stays 'rebuilding' until it has caught up). A
   * rebuild interrupted and then finished by the consumer loop or drain turns 'live' there.
   */
  async rebuild(truncate: (tx: TTx) => Promise<void>, onProgress?: (processed: number) => void): Promise<number> {
    if (!(await this.lease.tryAcquire())) throw new Error(`consumer ${this.name} is active in another instance`);
    await this.options.runner.run(async (tx) => {
      await this.readCheckpoint(tx, true);
      const [row] = await this.options.runner.select<{ status: string }>(tx, 'select status from es_consumers where name = $1', [this.name]);
      if (row.status === 'rebuilding') return;
      await truncate(tx);
      await this.options.runner.select(
        tx,
        `update es_consumers set status = 'rebuilding', transaction_id = '0'::xid8, global_position = 0, updated_at = now()
          where name = $1 returning name`,
        [this.name],
      );
    });
    this.knownLive = false;
    // drain reaches the head as it was at its start and then sets the status back to 'live'.
    // A rebuild takes as long as the log is long: no deadline of a catch-up.
    return this.drain(Infinity, onProgress);
  }

  /** 'rebuilding' from the truncation of a rebuild until the replay has reached the head. */
  async status(): Promise<'live' | 'rebuilding'> {
    return this.options.runner.run(async (tx) => {
      const [row] = await this.options.runner.select<{ status: 'live' | 'rebuilding' }>(tx, 'select status from es_consumers where name = $1', [this.name]);
      return row?.status ?? 'live';
    });
  }

  async checkpoint(): Promise<LogCheckpoint> {
    return this.options.runner.run(async (tx) => (await this.readCheckpoint(tx, false)) ?? { transactionId: 0n, position: 0n });
  }

  /** Resolves once every event appended before the call has been processed. */
  async waitUntilCaughtUp(timeoutMs = 10_000): Promise<void> {
    const target = await this.options.store.headCheckpoint();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (compareCheckpoints(await this.checkpoint(), target) >= 0) return;
      if (Date.now() > deadline) {
        const cause = this.lastError ? `; last error: ${(this.lastError as Error).message}` : '';
        throw new ProjectionBehind(this.name, timeoutMs, `consumer ${this.name} did not catch up within ${timeoutMs} ms${cause}`);
      }
      this.poke();
      await delay(10);
    }
  }

  private async run(): Promise<void> {
    const idle = this.options.idleDelayMs ?? 100;
    while (this.running) {
      try {
        if (!this.lease.held) {
          if (!(await this.lease.tryAcquire())) {
            await this.sleep(idle * 5);
            continue;
          }
          // Another instance may have started a rebuild while this one did not hold the lease.
          this.knownLive = false;
        }
        this.lastError = null;
        const processed = await this.processBatch();
        if (processed === 0) {
          // An interrupted rebuild that this loop finished is live again once the head is reached.
          if (!this.knownLive) await this.markLiveIfCaughtUp(await this.options.store.headCheckpoint());
          await this.sleep(idle);
        }
      } catch (error) {
        this.lastError = error;
        this.options.onError?.(error);
        await this.sleep(idle * 5);
      }
    }
  }

  private async processBatch(): Promise<number> {
    const start = await this.checkpoint();
    const batch = await this.options.store.readAll({ after: start, batchSize: this.options.batchSize ?? 500 });
    if (batch.events.length === 0) return 0;
    await this.options.runner.run(async (tx) => {
      // Fencing: the checkpoint row is locked and must still be where this batch started.
      const current = await this.readCheckpoint(tx, true);
      if (!current || compareCheckpoints(current, start) !== 0) throw new CheckpointMoved(this.name);
      await this.options.handler(batch.events, tx);
      const updated = await this.options.runner.select(
        tx,
        `update es_consumers set transaction_id = $2::text::xid8, global_position = $3, updated_at = now()
          where name = $1 and owner_id = $4 returning name`,
        [this.name, batch.checkpoint.transactionId.toString(), batch.checkpoint.position.toString(), this.instanceId],
      );
      if (updated.length === 0) throw new CheckpointMoved(this.name);
    });
    return batch.events.length;
  }

  /**
   * Ends a rebuild once the checkpoint has reached the given head, whoever did the replay (the
   * rebuild itself, drain, or the consumer loop after the rebuild was interrupted). Only the
   * lease holder changes the row.
   */
  private async markLiveIfCaughtUp(head: LogCheckpoint): Promise<void> {
    const status = await this.options.runner.run(async (tx) => {
      const [row] = await this.options.runner.select<{ status: string }>(
        tx,
        `update es_consumers set status = 'live', updated_at = now()
          where name = $1 and owner_id = $2 and status = 'rebuilding'
            and (transaction_id, global_position) >= ($3::text::xid8, $4::bigint)
        returning status`,
        [this.name, this.instanceId, head.transactionId.toString(), head.position.toString()],
      );
      if (row) return row.status;
      const [current] = await this.options.runner.select<{ status: string }>(tx, 'select status from es_consumers where name = $1', [this.name]);
      return current?.status;
    });
    this.knownLive = status === 'live';
  }

  private async readCheckpoint(tx: TTx, lock: boolean): Promise<LogCheckpoint | null> {
    await this.options.runner.select(tx, 'insert into es_consumers (name) values ($1) on conflict (name) do nothing returning name', [this.name]);
    const rows = await this.options.runner.select<{ txid: string; global_position: string }>(
      tx,
      `select transaction_id::text as txid, global_position from es_consumers where name = $1${lock ? ' for update' : ''}`,
      [this.name],
    );
    return rows.length ? { transactionId: BigInt(rows[0].txid), position: BigInt(rows[0].global_position) } : null;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A consumer did not reach the log's head in the time a caller would wait: its figures are not current yet. */
export class ProjectionBehind extends Error {
  constructor(
    readonly consumer: string,
    readonly waitedMs: number,
    message: string,
  ) {
    super(message);
    this.name = 'ProjectionBehind';
  }
}
