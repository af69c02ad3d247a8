import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '../../../libs/database/database.module';
import { PostgresEventStore } from '../../../libs/event-store/postgres/postgres-event-store';
import { CheckpointEventData, dueCheckpoints, scheduleCloseCheckpoints, signCheckpoint } from '../../../libs/event-store/audit/audit-checkpoints';
import { CheckpointOccasion, viaClient } from '../../../libs/event-store/audit/audit-tree';
import { AUDIT_TRAIL_CONFIG, AuditTrailConfig } from '../audit-trail.config';
import { CLOSE_EVENT_TYPES, closeOccasion } from './close-occasions';

/** How often the signer looks for due checkpoints at most; a close waits at most this long for its signature. */
const MAX_TICK_MS = 60_000;

/**
 * Signs the checkpoints that are due: after every month and year close, and whenever an event has
 * waited the configured interval without a checkpoint covering it. Every process with the audit
 * module runs it (the API and the worker); the tree's size row, locked while a checkpoint is
 * signed and checked again under the lock, keeps two processes from signing the same one twice.
 */
@Injectable()
export class CheckpointSigner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditCheckpoints');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly store: PostgresEventStore,
    @Inject(AUDIT_TRAIL_CONFIG) private readonly config: AuditTrailConfig,
  ) {}

  onApplicationBootstrap(): void {
    const tickMs = Math.min(MAX_TICK_MS, this.config.intervalSeconds * 1000);
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.signDue()
        .catch((error) => this.logger.error(`signing due checkpoints failed: ${(error as Error).message}`))
        .finally(() => (this.running = null));
    }, tickMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Signs everything due at `now`; one tenant's failure (its tree was changed) does not hold up the others. */
  async signDue(now: Date = new Date()): Promise<CheckpointEventData[]> {
    const signed: CheckpointEventData[] = [];
    await scheduleCloseCheckpoints(this.pool, CLOSE_EVENT_TYPES, closeOccasion);
    for (const due of await dueCheckpoints(viaClient(this.pool), this.config.intervalSeconds, now)) {
      try {
        const checkpoint = await this.sign(due.tenantId, due.occasion, due.treeSize, now);
        if (checkpoint) signed.push(checkpoint);
      } catch (error) {
        this.logger.error(`checkpoint of ${due.tenantId} (${due.occasion.kind}) not signed: ${(error as Error).message}`);
      }
    }
    return signed;
  }

  /** Signs the tenant's tree now (or at the given size); null when its tree is still empty. */
  sign(tenantId: string, occasion: CheckpointOccasion = { kind: 'request', subject: null, cause: null }, treeSize?: number, now = new Date()) {
    return signCheckpoint(this.pool, this.store, { tenantId, originPrefix: this.config.originPrefix, key: this.config.key, occasion, treeSize, now });
  }
}
