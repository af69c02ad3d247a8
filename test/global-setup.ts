import { startTestServer } from './support/test-server';
import { schemaMigrations } from '../src/schema';

export default async function globalSetup(): Promise<void> {
  (globalThis as any).__TEST_SERVER__ = await startTestServer(schemaMigrations);
}
