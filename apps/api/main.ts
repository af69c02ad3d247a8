import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../../libs/config/app-config';
import { createProcessLog } from '../../libs/config/app-logger';
import { ProvisionedDatabase, provisionDatabase } from '../../libs/database/provision';
import { loadOrCreateDevKeys } from '../../libs/auth/dev-signing-key';
import { schemaMigrations } from '../../src/schema';
import { createApiApp } from './app-factory';
import { DemoSeed } from '../../src/demo/demo-seed';
import { EVENT_STORE, EventStore } from '../../libs/event-store';

let stopping = false;
const logger = new Logger('Bootstrap');

async function main(): Promise<void> {
  const config = loadConfig();
  const processLog = createProcessLog('api', config.logLevel);
  Logger.overrideLogger(processLog.nest);
  let database: ProvisionedDatabase | undefined;
  let app: NestFastifyApplication | undefined;
  // One stop, in order: no new requests, then the consumers and the pools (app.close), then the
  // embedded PostgreSQL, which runs in its own process group and so hears no Ctrl-C itself.
  // Listened for from the start: a Ctrl-C during start-up stops what has been started so far.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    let clean = true;
    const step = async (work: () => Promise<unknown>) => {
      await work().catch((error) => {
        clean = false;
        logger.error(error);
      });
    };
    if (app) {
      const running = app;
      await step(() => running.getHttpAdapter().close());
      await step(() => running.close());
    }
    if (database) await step(database.stop);
    process.exit(clean ? 0 : 1);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  database = await provisionDatabase(config, schemaMigrations, (line) => logger.log(line));
  const devKeys = config.auth.mode === 'dev' ? await loadOrCreateDevKeys(config.dataDir) : undefined;
  app = await createApiApp({ config, databaseUrl: database.url, devPublicKey: devKeys?.publicKey, devKeys, logger: processLog.nest, log: processLog.log });
  await app.init();
  // A fresh development installation starts with the demo tenant, so a newcomer sees real-looking
  // data at once. Never in production: the event log of record cannot be cleaned of demo events.
  if ((await app.get<EventStore>(EVENT_STORE).headCheckpoint()).position === 0n) {
    if (config.nodeEnv === 'production') {
      logger.log('empty event store: production, so no demo tenant is created');
    } else if (!config.seedDemo) {
      logger.log('empty event store: SEED_DEMO=false, so no demo tenant is created');
    } else {
      logger.log('empty event store: creating the demo tenant HRO-JA (Groß Klein, Toitenwinkel)');
      await app.get(DemoSeed).seed();
    }
  }
  await app.listen({ port: config.port, host: config.host });
  logger.log(`API listening on http://localhost:${config.port} (OpenAPI: http://localhost:${config.port}/docs)`);
  if (config.auth.mode === 'dev') {
    logger.log(
      'Development tokens: npm run token -- --role controller --tenant HRO-JA   (roles: controller, caseworker, wiju, provider --provider TR-E, auditor, admin)',
    );
  }
}

main().catch((error) => {
  // A start-up step cut short by the stop fails as a matter of course; the stop exits.
  if (stopping) return;
  logger.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
