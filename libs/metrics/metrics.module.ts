import { DynamicModule, Global, Module } from '@nestjs/common';
import { APPEND_OBSERVER } from '../event-store/nest/event-store.module';
import { AppMetrics } from './app-metrics';
import { StoreFigures } from './store-figures';

/** The process's metrics for every module (Global), appends counted where the store writes them. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: MetricsModule,
      providers: [
        { provide: AppMetrics, useFactory: () => new AppMetrics(service) },
        {
          provide: APPEND_OBSERVER,
          inject: [AppMetrics],
          useFactory: (metrics: AppMetrics) => (events: number) => {
            metrics.appends.inc();
            metrics.appendedEvents.inc(events);
          },
        },
        StoreFigures,
      ],
      exports: [AppMetrics, APPEND_OBSERVER],
    };
  }
}
