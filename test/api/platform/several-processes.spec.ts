import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { run as ops } from '../../../apps/ops-cli/ops-cli';
import { DevKeys, loadOrCreateDevKeys, signDevToken } from '../../../libs/auth/dev-signing-key';
import { createPool } from '../../../libs/database/pool';
import { createTestDatabase, TestDatabase } from '../../support/test-server';
import { freePort } from '../../support/free-port';
import { Capture } from '../../support/capture';

const ROOT = resolve(__dirname, '../../..');
const RATE_LIMIT = 20;

/** Tables that are not read models: the log, its consumers, and state kept beside it. */
const NOT_READ_MODELS = /^(es_|schema_migrations$|idempotency_keys$|rate_limit_windows$|steering_notification_read_marks$|audit_)/;

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

/**
 * Two APIs and two workers on one PostgreSQL behave as one: limits count across the APIs, an
 * Idempotency-Key holds across them, a killed worker's projections are taken over, a killed API
 * loses no acknowledged write, and every read model equals its rebuild from the log.
 */
describe('platform: two APIs and two workers on one database', () => {
  let database: TestDatabase;
  let pool: Pool;
  let dataDir: string;
  let keys: DevKeys;
  const processes: Started[] = [];
  let apiA: string;
  let apiB: string;
  let apiProcessB: Started;
  let workerOne: Started;
  let workerTwo: Started;

  const token = (role: string, sub: string) => signDevToken(keys, { sub, tenant: 'HRO-JA', roles: [role as 'admin'] });

  async function start(script: string, env: NodeJS.ProcessEnv, ready: string): Promise<Started> {
    const child = spawn(process.execPath, ['-r', join(__dirname, 'swc-register.js'), join(ROOT, script)], {
      cwd: ROOT,
      // Small pools: four processes (each worker also holds one connection per projection) share the
      // test server's connections with the other test files running beside this one.
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        SEED_DEMO: 'false',
        DB_POOL_MAX: '3',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<{ code: number | null; signal: string | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
    await new Promise<void>((done, fail) => {
      const hear = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes(ready)) done();
      };
      child.stdout!.on('data', hear);
      child.stderr!.on('data', hear);
      void exited.then(({ code, signal }) => fail(new Error(`${script} exited before it was ready (${signal ?? code}):\n${output}`)));
    });
    const started = { child, output: () => output, exited };
    processes.push(started);
    return started;
  }

  async function call(base: string, method: 'GET' | 'POST', path: string, auth: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${auth}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  }

  /** Every read model's rows, in a fixed order: what a rebuild must reproduce. */
  async function readModels(): Promise<Record<string, string[]>> {
    const { rows: tables } = await pool.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by tablename`);
    const dump: Record<string, string[]> = {};
    for (const { name } of tables.filter((t) => !NOT_READ_MODELS.test(t.name))) {
      const { rows } = await pool.query<{ row: string }>(`select row_to_json(t)::text as row from ${name} t order by 1`);
      dump[name] = rows.map((r) => r.row);
    }
    return dump;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool({ connectionString: database.url, max: 2 });
    dataDir = mkdtempSync(join(tmpdir(), 'sozialraum-processes-'));
    chmodSync(dataDir, 0o755);
    // The development key the four processes and this test sign and verify with.
    keys = await loadOrCreateDevKeys(dataDir);
    const [portA, portB, portW1, portW2] = [await freePort(), await freePort(), await freePort(), await freePort()];
    // A loaded machine may hold a projection back for seconds: writes that wait for one wait long enough.
    const api = { RUN_PROJECTIONS: 'false', RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), PROJECTION_WAIT_MS: '120000' };
    [, apiProcessB, workerOne] = await Promise.all([
      start('apps/api/main.ts', { ...api, PORT: String(portA) }, 'API listening on'),
      start('apps/api/main.ts', { ...api, PORT: String(portB) }, 'API listening on'),
      start('apps/worker/main.ts', { WORKER_PORT: String(portW1) }, 'worker health and metrics on'),
    ]);
    workerTwo = await start('apps/worker/main.ts', { WORKER_PORT: String(portW2) }, 'worker health and metrics on');
    apiA = `http://127.0.0.1:${portA}`;
    apiB = `http://127.0.0.1:${portB}`;
  }, 240_000);
  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(processes.map((p) => p.exited));
    await pool?.end();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts one user’s requests against one limit across both APIs', async () => {
    const busy = await token('auditor', 'auditor-busy');
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 6; i++) statuses.push((await call(i % 2 === 0 ? apiA : apiB, 'GET', '/providers', busy)).status);
    expect(statuses.slice(0, RATE_LIMIT)).toEqual(Array(RATE_LIMIT).fill(200));
    expect(statuses.slice(RATE_LIMIT)).toEqual(Array(6).fill(429));
  });

  it('loses no acknowledged write when a worker and an API die, and every read model equals its rebuild', async () => {
    const admin = await token('admin', 'admin-1');
    expect((await call(apiA, 'POST', '/providers', admin, { providerId: 'TR-MP', name: 'Träger mehrerer Prozesse' })).status).toBe(201);
    expect(
      (
        await call(apiB, 'POST', '/sozialraeume', admin, {
          sozialraumId: 'HRO-MP',
          name: 'Mehrprozess',
          residents: 1000,
          residentsUnder21: 200,
          validFrom: '2024-01-01',
        })
      ).status,
    ).toBe(201);

    const acknowledged = new Set<string>();
    const openCase = async (i: number, first: string, retry: string | null) => {
      const caseRef = `MP-26-${String(100 + i)}`;
      const auth = await token('caseworker', `caseworker-${i}`);
      const key = { 'idempotency-key': `open-${caseRef}` };
      const answer = await call(first, 'POST', '/cases', auth, { caseRef, sozialraumId: 'HRO-MP' }, key);
      expect({ status: answer.status, body: answer.status === 201 ? null : answer.body }).toEqual({ status: 201, body: null });
      acknowledged.add(caseRef);
      if (retry) {
        // The same key on the other API: the stored answer, not a second case.
        const again = await call(retry, 'POST', '/cases', auth, { caseRef, sozialraumId: 'HRO-MP' }, key);
        expect(again.status).toBe(201);
        expect(again.headers.get('idempotency-replayed')).toBe('true');
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => openCase(i, i % 2 === 0 ? apiA : apiB, i % 2 === 0 ? apiB : apiA)));

    // One worker and one API die as a power cut would take them: no shutdown, no lease released.
    workerOne.child.kill('SIGKILL');
    apiProcessB.child.kill('SIGKILL');
    await Promise.all([workerOne.exited, apiProcessB.exited]);
    await Promise.all(Array.from({ length: 20 }, (_, i) => openCase(20 + i, apiA, null)));

    const { rows } = await pool.query<{ ref: string; n: number }>(
      `select data->>'caseRef' as ref, count(*)::int as n from es_events where type = 'CaseOpened' group by 1 order by 1`,
    );
    expect(rows.map((r) => r.ref)).toEqual([...acknowledged].sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);

    // The surviving worker takes over what the dead one ran and catches up with the log.
    // A subject per call: these checks are not what the per-user limit is about.
    for (let poll = 0; ; poll++) {
      const status = await call(apiA, 'GET', '/ops/projections', await token('controller', `controller-poll-${poll}`));
      if (status.status === 200 && status.body.every((p: { lagEvents: number }) => p.lagEvents === 0)) break;
      // Not a time budget: after this many polls the answer says what stands still, not only "timeout".
      if (poll === 600) throw new Error(`projections did not catch up: ${JSON.stringify(status.body)}\n${workerTwo.output().slice(-3000)}`);
      await new Promise((done) => setTimeout(done, 200));
    }
    for (const caseRef of acknowledged)
      expect((await call(apiA, 'GET', `/cases/${caseRef}`, await token('controller', `controller-${caseRef}`))).status).toBe(200);

    const live = await readModels();
    workerTwo.child.kill('SIGTERM');
    expect(await workerTwo.exited).toEqual({ code: 0, signal: null });
    const io = { stdout: new Capture(), stderr: new Capture(), env: { NODE_ENV: 'test', DATABASE_URL: database.url, DB_POOL_MAX: '3' } };
    expect({ code: await ops(['rebuild', 'all'], io), stderr: io.stderr.text.split('\n').filter((l) => !l.startsWith('rebuild ')) }).toEqual({
      code: 0,
      stderr: [''],
    });
    expect(await readModels()).toEqual(live);
  }, 240_000);
});
