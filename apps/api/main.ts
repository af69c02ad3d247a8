import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '../../libs/config/app-config';
import { provisionDatabase } from '../../libs/database/provision';
import { loadOrCreateDevKeys } from '../../libs/auth/dev-signing-key';
import { schemaMigrations } from '../../src/schema';
import { createApiApp } from './app-factory';

async function main(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const config = loadConfig();
  const database = await provisionDatabase(config, schemaMigrations, (line) => logger.log(line));
  const devKeys = config.auth.mode === 'dev' ? await loadOrCreateDevKeys(config.dataDir) : undefined;
  const app = await createApiApp({ config, databaseUrl: database.url, devPublicKey: devKeys?.publicKey });
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
