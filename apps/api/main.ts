import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig, nestLogLevels } from '../../libs/config/app-config';
import { createAppLogger } from '../../libs/config/app-logger';
import { provisionDatabase } from '../../libs/database/provision';
import { loadOrCreateDevKeys } from '../../libs/auth/dev-signing-key';
import { schemaMigrations } from '../../src/schema';
import { createApiApp } from './app-factory';
import { DemoSeed } from '../../src/demo/demo-seed';
import { EVENT_STORE, EventStore } from '../../libs/event-store';

async function main(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const config = loadConfig();
  const appLogger = createAppLogger(nestLogLevels(config.logLevel));
  Logger.overrideLogger(appLogger);
  const database = await provisionDatabase(config, schemaMigrations, (line) => logger.log(line));
  const devKeys = config.auth.mode === 'dev' ? await loadOrCreateDevKeys(config.dataDir) : undefined;
  const app = await createApiApp({ config, databaseUrl: database.url, devPublicKey: devKeys?.publicKey, logger: appLogger });
  await app.init();
  // A fresh development installation starts with the demo tenant, so a newcomer sees real-looking
  // data at once. Never in production: the event log of record cannot be cleaned of demo events.
  if ((await app.get<EventStore>(EVENT_STORE).headCheckpoint()).position === 0n) {
    if (config.nodeEnv === 'production') {
      logger.log('empty event store: production, so no demo tenant is created');
    } else {
      logger.log('empty event store: creating the demo tenant HRO-JA (Groß Klein, Toitenwinkel)');
      await app.get(DemoSeed).seed();
    }
  }
  await app.listen({ port: config.port, host: config.host });
  logger.log(`API listening on http://localhost:${config.port} (OpenAPI: http://localhost:${config.port}/docs)`);
  if (config.auth.mode === 'dev') {
    logger.log('Development tokens: npm run token -- --role controller --tenant HRO-JA   (roles: controller, caseworker, wiju, provider --provider TR-E, auditor, admin)');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    await app.close().catch((error) => logger.error(error));
    await database.stop().catch((error) => logger.error(error));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  // eslint-disable-next-line no-console
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
