import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { Pool } from 'pg';
import { PG_POOL } from '../database/database.module';
import { ProjectionRunner } from '../event-store/nest/projection-runner';
import { AppMetrics } from './app-metrics';

/**
 * Figures read when /metrics is scraped: each projection's checkpoint, lag and whether it is
 * being rebuilt (a rebuild's progress is its lag falling to 0), and the database pool's use.
 */
@Injectable()
export class StoreFigures implements OnModuleInit {
  constructor(
    private readonly metrics: AppMetrics,
    private readonly projections: ProjectionRunner,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const position = new Gauge({
      name: 'projection_checkpoint_position',
      help: 'Log position up to which a projection has processed',
      labelNames: ['projection'] as const,
      registers,
    });
    const lagEvents = new Gauge({
      name: 'projection_lag_events',
      help: 'Events in the log a projection has not processed yet',
      labelNames: ['projection'] as const,
      registers,
    });
    const lagSeconds = new Gauge({
      name: 'projection_lag_seconds',
      help: 'Age of the oldest event a projection has not processed yet',
      labelNames: ['projection'] as const,
      registers,
    });
    const rebuilding = new Gauge({
      name: 'projection_rebuilding',
      help: '1 while a projection is being rebuilt, else 0',
      labelNames: ['projection'] as const,
      registers,
    });
    const active = new Gauge({
      name: 'projection_active',
      help: '1 where this process holds the lease of the projection and runs it',
      labelNames: ['projection'] as const,
      registers,
    });
    // One query per scrape for all five, before the registry renders them (see AppMetrics.render).
    this.metrics.collect(async () => {
      for (const gauge of [active, position, lagEvents, lagSeconds, rebuilding]) gauge.reset();
      for (const s of await this.projections.status()) {
        active.set({ projection: s.name }, s.active ? 1 : 0);
        position.set({ projection: s.name }, Number(s.checkpoint.position));
        lagEvents.set({ projection: s.name }, s.lagEvents);
        lagSeconds.set({ projection: s.name }, s.lagSeconds);
        rebuilding.set({ projection: s.name }, s.status === 'rebuilding' ? 1 : 0);
      }
    });
    const pool = this.pool;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Connections of the database pool by state (total, idle, waiting clients)',
      labelNames: ['state'] as const,
      registers,
      collect(this: Gauge<'state'>) {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    new Gauge({
      name: 'db_pool_max',
      help: 'Largest number of connections the pool opens',
      registers,
      collect(this: Gauge) {
        this.set(pool.options.max ?? 10);
      },
    });
  }
}
