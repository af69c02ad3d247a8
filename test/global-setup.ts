import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from './support/test-server';
import { schemaMigrations } from '../src/schema';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildWebIfChanged } = require('../scripts/build-web-if-changed.js');

export default async function globalSetup(): Promise<void> {
  // The browser tests need the built web app; built once here, not by two workers at once.
  buildWebIfChanged();
  // Where the API tests' contract check records which operation answered which status; the
  // workers inherit it, test/support/contract-reporter.js reports and removes it.
  process.env.CONTRACT_COVERAGE_DIR = mkdtempSync(join(tmpdir(), 'sozialraum-contract-'));
  (globalThis as any).__TEST_SERVER__ = await startTestServer(schemaMigrations);
}
