import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import * as pg from 'pg';
import { Pool } from 'pg';
import { createPool, listenForConnectionLoss } from './pool';

export const PG_POOL = Symbol('PG_POOL');
export const DATABASE_URL = Symbol('DATABASE_URL');

/**
 * node-postgres as TypeORM's driver, with every client of TypeORM's pool listening for the loss
 * of its connection like the pools of createPool. TypeORM listens only while one of its query
 * runners holds a client, which leaves moments in which a terminated session's 'error' is unheard.
 */
class ListeningPool extends pg.Pool {
  constructor(config?: pg.PoolConfig) {
    super(config);
    listenForConnectionLoss(this);
  }
}
const typeormDriver = Object.create(pg, { Pool: { value: ListeningPool } });

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
          driver: typeormDriver,
          // A name of its own, so operators (and the connection-loss test) can tell the pools apart.
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
