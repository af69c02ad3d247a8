import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig } from '../../libs/config/app-config';
import { AppConfigModule } from '../../libs/config/app-config.module';
import { DatabaseModule } from '../../libs/database/database.module';
import { EventStoreModule } from '../../libs/event-store/nest/event-store.module';
import { DddModule } from '../../libs/ddd/ddd.module';
import { HealthModule } from '../../libs/health/health.module';
import { MetricsModule } from '../../libs/metrics/metrics.module';
import { domainModules } from '../../src/domain.modules';
import { appendSignerOf } from '../../src/audit';

/**
 * The projection worker: every read model and process manager. Its HTTP is only the ops server
 * (health, metrics) that apps/worker/main.ts starts; the domain's controllers are not served.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        DatabaseModule.forRoot({ url: databaseUrl, poolMax: config.dbPoolMax }),
        EventStoreModule.forRoot({
          runProjections: config.runProjections,
          auditSealKey: config.auditSealKey,
          projectionWaitMs: config.projectionWaitMs,
          appendSigner: appendSignerOf(config),
        }),
        MetricsModule.forRoot('worker'),
        HealthModule.forRoot({ maxLagSeconds: config.readyMaxLagSeconds }),
        DddModule,
        CqrsModule.forRoot(),
        ...domainModules,
      ],
    };
  }
}
