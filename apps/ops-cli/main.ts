import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../../libs/config/app-config';
import { provisionDatabase } from '../../libs/database/provision';
import { ProjectionRunner } from '../../libs/event-store/nest/projection-runner';
import { schemaMigrations } from '../../src/schema';
import { WorkerModule } from '../worker/worker.module';

const USAGE = `Operations on the read models.

  npm run ops -- status
      Every projection with its checkpoint and lag.
  npm run ops -- rebuild <projection>|all
      Truncates the projection's tables and replays the event log into them. Resumable: an
      interrupted rebuild continues when started again. The audit chain is never rebuilt.

Connects to DATABASE_URL, or starts the embedded PostgreSQL of DATA_DIR (the API must be stopped).`;

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  if (command !== 'status' && command !== 'rebuild') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 2 : 0;
  }
  const config = { ...loadConfig(), runProjections: false };
  const database = await provisionDatabase(config, schemaMigrations, () => undefined);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, database.url), { logger: ['warn', 'error'] });
  try {
    const runner = app.get(ProjectionRunner);
    if (command === 'rebuild') {
      if (!name) throw new Error('name a projection (npm run ops -- status lists them) or "all"');
      const names = name === 'all' ? runner.names().filter((n) => n !== 'audit-chain') : [name];
      for (const projection of names) {
        const started = Date.now();
        const events = await runner.rebuild(projection);
        process.stdout.write(`${projection}: ${events} events replayed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      }
    }
    for (const s of await runner.status()) process.stdout.write(`${s.name.padEnd(24)} ${s.status.padEnd(10)} lag ${s.lagEvents} events\n`);
    return 0;
  } finally {
    await app.close();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    // eslint-disable-next-line no-console
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
