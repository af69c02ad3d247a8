import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { failureLine } from '../../libs/cli/cli';
import { createProcessLog } from '../../libs/config/app-logger';
import { loadConfig } from '../../libs/config/app-config';
import { provisionDatabase } from '../../libs/database/provision';
import { ProjectionRunner } from '../../libs/event-store/nest/projection-runner';
import { schemaMigrations } from '../../src/schema';
import { WorkerModule } from './worker.module';
import { HealthCheckService } from '@nestjs/terminus';
import { liveness, readiness } from '../../libs/health/probes';
import { ReadinessChecks } from '../../libs/health/readiness-checks';
import { startOpsServer } from '../../libs/health/ops-server';
import { AppMetrics } from '../../libs/metrics/app-metrics';

const LAG_LOG_INTERVAL_MS = 60_000;

/** Runs the projections apart from the API (which then starts with RUN_PROJECTIONS=false). */
async function main(): Promise<void> {
  const logger = new Logger('Worker');
  // The worker exists to run the projections, whatever RUN_PROJECTIONS says for the API.
  const config = { ...loadConfig(), runProjections: true };
  const processLog = createProcessLog('worker', config.logLevel);
  Logger.overrideLogger(processLog.nest);
  if (!config.databaseUrl) {
    throw new Error("the worker shares the API's PostgreSQL: set DATABASE_URL (with the embedded default the API runs the projections itself)");
  }
  const database = await provisionDatabase(config, schemaMigrations, (line) => logger.log(line));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, database.url), { logger: processLog.nest });
  await app.init();
  const runner = app.get(ProjectionRunner);
  logger.log(`running ${runner.names().length} projections: ${runner.names().join(', ')}`);
  const health = app.get(HealthCheckService, { strict: false });
  const checks = app.get(ReadinessChecks, { strict: false });
  const opsServer = await startOpsServer({
    port: config.workerPort,
    host: config.host,
    metrics: app.get(AppMetrics),
    access: { token: config.metrics.token, networks: config.metrics.allow },
    live: () => liveness(health),
    ready: () => readiness(health, checks, config.readyMaxLagSeconds),
  });
  logger.log(`worker health and metrics on http://localhost:${opsServer.port} (/health/live, /health/ready, /metrics)`);

  // Lag on start, then every minute while behind, and once when caught up again.
  let behind = true;
  const report = async () => {
    const lagging = (await runner.status()).filter((s) => s.lagEvents > 0);
    if (lagging.length) {
      behind = true;
      logger.log(`lag: ${lagging.map((s) => `${s.name} ${s.lagEvents} events / ${s.lagSeconds.toFixed(1)} s`).join(', ')}`);
    } else if (behind) {
      behind = false;
      logger.log('all projections caught up');
    }
  };
  await report();
  const timer = setInterval(() => void report().catch((error) => logger.error(error)), LAG_LOG_INTERVAL_MS);
  timer.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    clearInterval(timer);
    await opsServer.close().catch((error) => logger.error(error));
    await app.close().catch((error) => logger.error(error));
    await database.stop().catch((error) => logger.error(error));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  process.stderr.write(`${failureLine(error)}\n`);
  process.exit(1);
});
