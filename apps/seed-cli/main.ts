import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { failureLine } from '../../libs/cli/cli';
import { createProcessLog } from '../../libs/config/app-logger';
import { loadConfig } from '../../libs/config/app-config';
import { provisionDatabase } from '../../libs/database/provision';
import { DemoSeed } from '../../src/demo/demo-seed';
import { ProjectionRunner } from '../../libs/event-store/nest/projection-runner';
import { schemaMigrations } from '../../src/schema';
import { WorkerModule } from '../worker/worker.module';

/** npm run seed:demo: creates the demo tenant unless it exists (beside a running API too: see provisionDatabase). */
async function main(): Promise<void> {
  const logger = new Logger('Seed');
  Logger.overrideLogger(createProcessLog('seed', 'info').nest);
  const config = { ...loadConfig(), runProjections: true };
  const database = await provisionDatabase(config, schemaMigrations, (line) => logger.log(line));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, database.url), { logger: createProcessLog('seed', 'warn').nest });
  try {
    const result = await app.get(DemoSeed).run();
    await app.get(ProjectionRunner).waitUntilCaughtUp(120_000);
    if (result.written > 0) {
      // knownAt answers by recorded time: before this window the demo shows nothing, after it everything.
      logger.log(
        `demo tenant HRO-JA created: ${result.previousYear} closed and settled, ${result.currentYear} up to ${result.today}; ` +
          `recorded from ${result.startedAt.toISOString()} to ${result.finishedAt.toISOString()} (${result.written} steps)`,
      );
    } else {
      logger.log('demo tenant HRO-JA exists already: nothing to do');
    }
  } finally {
    await app.close();
    await database.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${failureLine(error)}\n`);
  process.exit(1);
});
