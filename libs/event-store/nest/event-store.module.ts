import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Pool } from 'pg';
import { PG_POOL, DATABASE_URL } from '../../database/database.module';
import { EVENT_STORE } from '../event-store.port';
import { AppendObserver, PostgresEventStore } from '../postgres/postgres-event-store';
import { UpcasterRegistry } from '../upcaster-registry';
import { AppendSigner } from '../audit/append-signature';
import { CONSUMER_CONNECTION_STRING, CONSUMER_POOL, ProjectionRunner, PROJECTION_WAIT_MS, RUN_PROJECTIONS } from './projection-runner';
import { AUDIT_SEAL_KEY, AuditChainProjection } from '../audit/audit-chain.projection';

/** Optional: who is told of each append that wrote events (the metrics, where a process has them). */
export const APPEND_OBSERVER = Symbol('APPEND_OBSERVER');

@Global()
@Module({})
export class EventStoreModule {
  /** appendSigner: the application's key, signing every append (see audit/append-signature.ts). */
  static forRoot(options: { runProjections: boolean; auditSealKey?: string; projectionWaitMs?: number; appendSigner?: AppendSigner }): DynamicModule {
    return {
      module: EventStoreModule,
      imports: [DiscoveryModule],
      providers: [
        UpcasterRegistry,
        {
          provide: PostgresEventStore,
          inject: [PG_POOL, UpcasterRegistry, { token: APPEND_OBSERVER, optional: true }],
          useFactory: (pool: Pool, upcasters: UpcasterRegistry, observer?: AppendObserver) =>
            new PostgresEventStore(pool, upcasters, { observeAppend: observer, signer: options.appendSigner }),
        },
        { provide: EVENT_STORE, useExisting: PostgresEventStore },
        { provide: RUN_PROJECTIONS, useValue: options.runProjections },
        { provide: PROJECTION_WAIT_MS, useValue: options.projectionWaitMs ?? 10_000 },
        { provide: CONSUMER_CONNECTION_STRING, useExisting: DATABASE_URL },
        { provide: CONSUMER_POOL, useExisting: PG_POOL },
        ProjectionRunner,
        { provide: AUDIT_SEAL_KEY, useValue: options.auditSealKey },
        AuditChainProjection,
      ],
      exports: [EVENT_STORE, PostgresEventStore, UpcasterRegistry, ProjectionRunner, AUDIT_SEAL_KEY],
    };
  }
}
