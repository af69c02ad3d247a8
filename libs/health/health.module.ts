import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController, READY_MAX_LAG_SECONDS } from './health.controller';
import { ReadinessChecks } from './readiness-checks';

/** /health, /health/live and /health/ready for the API and the worker alike. */
@Module({})
export class HealthModule {
  static forRoot(options: { maxLagSeconds: number }): DynamicModule {
    return {
      module: HealthModule,
      // A failed readiness is an answer, not an error to log on every probe.
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [ReadinessChecks, { provide: READY_MAX_LAG_SECONDS, useValue: options.maxLagSeconds }],
    };
  }
}
