import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createTestApp } from '../support/test-app';

/** A test run leaves no folders behind: each app's data folder holds a development private key. */
describe('test app cleanup', () => {
  let privateTmp: string;

  // A temp folder of this file's own, so tests running beside it cannot change the count (jest's
  // sandboxed process.env does not reach os.tmpdir(), hence the spy).
  beforeAll(() => {
    privateTmp = mkdtempSync(join(os.tmpdir(), 'sozialraum-cleanup-spec-'));
    jest.spyOn(os, 'tmpdir').mockReturnValue(privateTmp);
  });

  afterAll(() => {
    jest.restoreAllMocks();
    rmSync(privateTmp, { recursive: true, force: true });
  });

  const dataDirs = () => readdirSync(privateTmp).filter((name) => name.startsWith('sozialraum-test-data-'));

  it('removes the data folder with the development key on close', async () => {
    expect(dataDirs()).toEqual([]);
    const app = await createTestApp();
    let closed = false;
    try {
      const [dataDir] = dataDirs();
      expect(dataDirs()).toHaveLength(1);
      expect(existsSync(join(privateTmp, dataDir, 'auth', 'dev-signing-key.json'))).toBe(true);
      await app.close();
      closed = true;
      expect(dataDirs()).toEqual([]);
    } finally {
      if (!closed) await app.close();
    }
  });
});
