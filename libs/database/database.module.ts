import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { createPool } from './pool';

export const PG_POOL = Symbol('PG_POOL');
export const DATABASE_URL = Symbol('DATABASE_URL');

/**
 * One database for the event store and the read models: node-postgres for the hand-tuned event
 * store SQL, TypeORM for read-model entities. The schema comes from migrations, never synchronize.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  static forRoot(options: { url: string; poolMax?: number }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.url,
          autoLoadEntities: true,
          synchronize: false,
          migrationsRun: false,
          // A name of its own, so operators (and the connection-loss test) can tell the pools apart.
          // TypeORM listens for a lost connection on its clients itself (poolErrorHandler and its
          // query runners); createPool's pools need listenForConnectionLoss.
          applicationName: 'sozialraum-budget read models',
          extra: { max: options.poolMax ?? 10, options: '-c idle_in_transaction_session_timeout=30000 -c TimeZone=UTC' },
        }),
      ],
      providers: [
        { provide: DATABASE_URL, useValue: options.url },
        { provide: PG_POOL, useFactory: () => createPool({ connectionString: options.url, max: options.poolMax ?? 10, applicationName: 'sozialraum-budget' }) },
      ],
      exports: [PG_POOL, DATABASE_URL, TypeOrmModule],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
