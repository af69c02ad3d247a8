import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Type } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Pool } from 'pg';
import { CheckpointedConsumer } from '../consumer/checkpointed-consumer';
import { EVENT_STORE, EventStore } from '../event-store.port';
import { typeormTransactionRunner } from './typeorm-transaction-runner';
import { PROJECTION_METADATA, Projection } from './projection.decorator';

export const RUN_PROJECTIONS = Symbol('RUN_PROJECTIONS');
/** How long waitFor waits by default (PROJECTION_WAIT_MS). */
export const PROJECTION_WAIT_MS = Symbol('PROJECTION_WAIT_MS');
export const CONSUMER_CONNECTION_STRING = Symbol('CONSUMER_CONNECTION_STRING');
export const CONSUMER_POOL = Symbol('CONSUMER_POOL');

export interface ConsumerStatus {
  name: string;
  active: boolean;
  status: string;
  checkpoint: { transactionId: string; position: string };
  /** Events in the log after the checkpoint. */
  lagEvents: number;
  /** Age of the oldest event not yet processed (0 when caught up). */
  lagSeconds: number;
  /** While the projection is being rebuilt: events replayed so far of all there are. */
  rebuild: { done: number; total: number } | null;
}

/** Discovers every @AsProjection provider and runs one checkpointed consumer for each. */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Projections');
  private readonly consumers = new Map<string, { consumer: CheckpointedConsumer<EntityManager>; projection: Projection }>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONSUMER_CONNECTION_STRING) private readonly connectionString: string,
    @Inject(CONSUMER_POOL) private readonly pool: Pool,
    @Inject(RUN_PROJECTIONS) private readonly runProjections: boolean,
    /** How long waitFor waits unless told otherwise. */
    @Inject(PROJECTION_WAIT_MS) readonly waitMs: number,
  ) {}

  onApplicationBootstrap(): void {
    const runner = typeormTransactionRunner(this.dataSource);
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance;
      if (!instance || !wrapper.metatype) continue;
      const name = this.reflector.get<string>(PROJECTION_METADATA, wrapper.metatype as Type);
      if (!name) continue;
      if (this.consumers.has(name)) throw new Error(`projection name ${name} used twice`);
      const projection = instance as Projection;
      const consumer = new CheckpointedConsumer<EntityManager>({
        name,
        store: this.store,
        runner,
        connectionString: this.connectionString,
        handler: (events, manager) => projection.handle(events, manager),
        batchSize: 500,
        idleDelayMs: 50,
        onError: (error) => this.logger.error(`projection ${name}: ${(error as Error).message}`, (error as Error).stack),
      });
      this.consumers.set(name, { consumer, projection });
    }
    if (this.runProjections) for (const { consumer } of this.consumers.values()) consumer.start();
  }

  /** Stops the consumers first, before the pools and the TypeORM connection close under them. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.consumers.values()].map(({ consumer }) => consumer.stop()));
  }

  names(): string[] {
    return [...this.consumers.keys()];
  }

  /** The projections with read-model tables: what `rebuild all` rebuilds (evidence such as the audit chain is verified, never rebuilt). */
  rebuildableNames(): string[] {
    return [...this.consumers.entries()].filter(([, entry]) => entry.projection.tables.length > 0).map(([name]) => name);
  }

  /** Nudges all consumers after this process appended events. */
  poke(): void {
    for (const { consumer } of this.consumers.values()) consumer.poke();
  }

  /** Waits until every projection has processed everything appended before the call. */
  async waitUntilCaughtUp(timeoutMs = 15_000): Promise<void> {
    if (!this.runProjections) {
      for (const { consumer } of this.consumers.values()) await consumer.drain();
      return;
    }
    await Promise.all([...this.consumers.values()].map(({ consumer }) => consumer.waitUntilCaughtUp(timeoutMs)));
  }

  /** Waits until one projection has processed everything appended before the call. */
  async waitFor(name: string, timeoutMs = this.waitMs): Promise<void> {
    const entry = this.consumers.get(name);
    if (!entry) throw new Error(`unknown projection ${name}`);
    // The checkpoint is read from the database, so this also waits for a separate worker process.
    await entry.consumer.waitUntilCaughtUp(timeoutMs);
  }

  /**
   * Truncates the projection's tables and replays the log into them. `onProgress` hears the events
   * replayed so far and how many there are to replay (all of the log, or what an interrupted
   * rebuild has left).
   */
  async rebuild(name: string, onProgress?: (done: number, total: number) => void): Promise<number> {
    const entry = this.consumers.get(name);
    if (!entry) throw new Error(`unknown projection ${name}`);
    // A consumer without read-model tables (the audit chain) keeps evidence: it is verified, never rebuilt.
    if (entry.projection.tables.length === 0) throw new Error(`projection ${name} owns no read-model tables and cannot be rebuilt`);
    const before = (await this.status()).find((s) => s.name === name);
    const total = before?.status === 'rebuilding' ? before.lagEvents : Number((await this.pool.query('select count(*)::bigint as n from es_events')).rows[0].n);
    onProgress?.(0, total);
    return entry.consumer.rebuild(
      async (manager) => {
        for (const table of entry.projection.tables) await manager.query(`truncate table ${table}`);
      },
      (done) => onProgress?.(done, total),
    );
  }

  async status(): Promise<ConsumerStatus[]> {
    // A projection that has never run has no row yet: it stands at the start of the log.
    const { rows } = await this.pool.query(
      `with c as (
         select n.name, coalesce(e.status, 'live') as status, coalesce(e.transaction_id, '0'::xid8) as transaction_id,
                coalesce(e.global_position, 0) as global_position
           from unnest($1::text[]) as n(name) left join es_consumers e on e.name = n.name)
       select c.name, c.status, c.transaction_id::text as txid, c.global_position,
              (select count(*) from es_events e where (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position))::int as lag_events,
              coalesce(extract(epoch from now() - (select min(e.recorded_at) from es_events e
                 where (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position))), 0)::float8 as lag_seconds,
              case when c.status = 'rebuilding' then (select count(*) from es_events e
                 where (e.transaction_id, e.global_position) <= (c.transaction_id, c.global_position))::int end as replayed
         from c order by c.name`,
      [[...this.consumers.keys()]],
    );
    return rows.map((row) => ({
      name: row.name,
      active: this.consumers.get(row.name)!.consumer.isActive,
      status: row.status,
      checkpoint: { transactionId: row.txid, position: String(row.global_position) },
      lagEvents: row.lag_events,
      lagSeconds: Math.round(row.lag_seconds * 1000) / 1000,
      rebuild: row.status === 'rebuilding' ? { done: row.replayed, total: row.replayed + row.lag_events } : null,
    }));
  }
}
