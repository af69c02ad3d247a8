import { SetMetadata } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '../event-store.port';

export const PROJECTION_METADATA = 'event-store:projection';

/**
 * A read model (or process manager) fed from the global log by its own checkpointed consumer.
 * Projections write through the EntityManager of the batch transaction, so their writes commit
 * together with the checkpoint.
 */
export interface Projection {
  /** Tables that a rebuild truncates before replaying (none for process managers). */
  readonly tables: string[];
  handle(events: StoredEvent[], manager: EntityManager): Promise<void>;
}

/** Marks a provider as a projection with a unique, stable consumer name. */
export const AsProjection = (name: string): ClassDecorator => SetMetadata(PROJECTION_METADATA, name);
