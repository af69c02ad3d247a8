import { ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createTestDatabase, TestDatabase } from '../../support/test-server';
import { freePort } from '../../support/free-port';

const ROOT = resolve(__dirname, '../../..');
const SCRAPE_TOKEN = 'worker-scrape-token-0123456789abcdef';

/**
 * The worker process as an orchestrator and a scraper see it: liveness, readiness and metrics on
 * WORKER_PORT, nothing of the API, JSON log lines, and a clean stop on SIGTERM.
 */
describe('platform: the worker’s health and metrics', () => {
  let database: TestDatabase;
  let child: ChildProcess | undefined;
  let output = '';
  let base: string;
  let exited: Promise<{ code: number | null; signal: string | null }>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['-r', join(__dirname, 'swc-register.js'), join(ROOT, 'apps/worker/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.url, WORKER_PORT: String(port), HOST: '127.0.0.1', METRICS_TOKEN: SCRAPE_TOKEN, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((done) => child!.once('exit', (code, signal) => done({ code, signal })));
    await new Promise<void>((done, fail) => {
      const hear = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('worker health and metrics on')) done();
      };
      child!.stdout!.on('data', hear);
      child!.stderr!.on('data', hear);
      void exited.then(({ code, signal }) => fail(new Error(`the worker exited before listening (${signal ?? code}):\n${output}`)));
    });
  }, 180_000);
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await database?.drop();
  });

  it('answers liveness and readiness', async () => {
    const live = await fetch(`${base}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'ok' });
    // Ready once its projections have caught up with the (empty) log.
    let ready = await fetch(`${base}/health/ready`);
    while (ready.status !== 200) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ready = await fetch(`${base}/health/ready`);
    }
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, migrations: { status: 'up' }, projections: { status: 'up' } },
    });
  });

  it('serves metrics to the scraper with its token only, and nothing of the API', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${SCRAPE_TOKEN}` } });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    const lag = text.split('\n').find((line) => line.startsWith('projection_lag_events{') && line.includes('projection="utilisation"'));
    expect(lag).toMatch(/\} 0$/);
    expect(lag).toContain('service="worker"');
    expect(text).toMatch(/^process_resident_memory_bytes\{service="worker"\} \d+/m);
    const api = await fetch(`${base}/budgets`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('logs JSON lines and stops cleanly on SIGTERM', async () => {
    child!.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    const lines = output.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ service: 'worker', level: expect.any(String), time: expect.any(String) });
    expect(output).not.toContain(database.url);
  });
});
