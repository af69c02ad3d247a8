import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../libs/database/embedded-postgres';
import { TEST_SERVER_URL } from '../support/test-server';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * `npm run audit` beside a running `npm start` (no DATABASE_URL): the API's embedded PostgreSQL
 * holds the data folder, and a second server on it cannot start. The CLI finds the running one
 * through its postmaster.pid (pid on line 1, port on line 4). Here the test PostgreSQL plays the
 * API's server: a postmaster.pid naming a live process and its port is what the API leaves.
 */
describe('embedded PostgreSQL already running on the data folder', () => {
  let folder: string;
  const dataDir = () => join(folder, 'postgres');
  const pidFile = (pid: number, port: number) =>
    writeFileSync(join(dataDir(), 'postmaster.pid'), `${pid}\n${dataDir()}\n1764650000\n${port}\n/tmp\nlocalhost\n  5432001   0\nready   \n`);

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'sozialraum-attach-spec-'));
    mkdirSync(dataDir());
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('is used, not started a second time, and left running for its owner', async () => {
    const port = Number(new URL(process.env[TEST_SERVER_URL]!).port || 5432);
    pidFile(process.pid, port);
    const server = await startEmbeddedPostgres({ dataDir: dataDir(), port: await freePort() });
    expect(server).toMatchObject({ attached: true, port });
    await server.stop();
    const client = new Client({ connectionString: server.connectionString('postgres') });
    await client.connect();
    try {
      expect((await client.query('select 1 as one')).rows[0].one).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('says in one line which process holds the folder when its server does not answer', async () => {
    const silentPort = await freePort();
    pidFile(process.pid, silentPort);
    const started = startEmbeddedPostgres({ dataDir: dataDir(), port: await freePort() });
    await expect(started).rejects.toThrow(new RegExp(`is run by another process \\(pid ${process.pid}, port ${silentPort}\\) but refuses a connection`));
    await expect(started).rejects.toThrow(/^[^\n]+$/);
  });
});
