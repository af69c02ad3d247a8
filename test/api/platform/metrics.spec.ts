import { createTestApp, TestApp } from '../../support/test-app';

const SCRAPE_TOKEN = 'scrape-token-for-the-tests-0123456789';

/** /metrics for Prometheus: the figures an operator watches, and only for the configured scraper. */
describe('metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: SCRAPE_TOKEN });
  });
  afterAll(async () => t?.close());

  const scrape = async () => {
    const res = await t.http().get('/metrics').set('authorization', `Bearer ${SCRAPE_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text;
  };
  /**
   * The value of the sample of a metric with (at least) these labels, in whatever order the
   * exposition lists them, e.g. value(text, 'idempotency_requests_total', { outcome: 'new' }).
   */
  const value = (text: string, metric: string, labels: Record<string, string> = {}) => {
    for (const line of text.split('\n')) {
      const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match || match[1] !== metric) continue;
      const found = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
      if (found.service === 'api' && Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
    }
    return undefined;
  };

  it('refuses a scrape without the token or with a wrong one, as problem+json', async () => {
    const none = await t.http().get('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.body).toMatchObject({ status: 401, type: '/problems/unauthenticated' });
    const wrong = await t
      .http()
      .get('/metrics')
      .set('authorization', `Bearer ${SCRAPE_TOKEN.slice(0, -1)}x`);
    expect(wrong.status).toBe(401);
    // A user's token is no scrape token either.
    const user = await t
      .http()
      .get('/metrics')
      .set('authorization', `Bearer ${await t.token({ role: 'admin' })}`);
    expect(user.status).toBe(401);
  });

  it('counts requests by route template and status, appends, refusals and idempotency outcomes', async () => {
    const admin = `Bearer ${await t.token({ role: 'admin', sub: 'admin-metrics' })}`;
    const before = await scrape();
    const body = { providerId: 'TR-MET', name: 'Träger der Kennzahlen', legalForm: 'e.V.' };
    const first = await t.http().post('/providers').set('authorization', admin).set('idempotency-key', 'metrics-1').send(body);
    expect(first.status).toBe(201);
    const replay = await t.http().post('/providers').set('authorization', admin).set('idempotency-key', 'metrics-1').send(body);
    expect(replay.headers['idempotency-replayed']).toBe('true');
    const refused = await t.http().post('/providers').set('authorization', admin).send(body);
    expect(refused.status).toBe(409);
    expect((await t.http().get('/providers/TR-MET').set('authorization', admin)).status).toBe(200);

    const after = await scrape();
    const delta = (metric: string, labels: Record<string, string> = {}) => (value(after, metric, labels) ?? 0) - (value(before, metric, labels) ?? 0);
    expect(delta('idempotency_requests_total', { outcome: 'new' })).toBe(1);
    expect(delta('idempotency_requests_total', { outcome: 'replayed' })).toBe(1);
    expect(delta('api_refusals_total', { type: refused.body.type, status: '409' })).toBe(1);
    expect(delta('event_store_appends_total')).toBe(1);
    expect(delta('event_store_appended_events_total')).toBe(1);
    expect(delta('http_request_duration_seconds_count', { method: 'POST', route: '/providers', status: '201' })).toBe(2);
    expect(delta('http_request_duration_seconds_count', { method: 'GET', route: '/providers/:providerId', status: '200' })).toBe(1);
    // No series per concrete path: ids in paths would make one per provider, case, …
    expect(after).not.toContain('TR-MET');
  });

  it('shows each projection’s position and lag, the pool and the process', async () => {
    await t.settle();
    const text = await scrape();
    for (const projection of ['utilisation', 'steering-notifications', 'audit-chain']) {
      expect(value(text, 'projection_lag_events', { projection })).toBe(0);
      expect(value(text, 'projection_rebuilding', { projection })).toBe(0);
      expect(value(text, 'projection_checkpoint_position', { projection })).toBeGreaterThan(0);
    }
    expect(value(text, 'db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(value(text, 'db_pool_max')).toBeGreaterThan(0);
    expect(text).toMatch(/^process_resident_memory_bytes\{service="api"\} \d+/m);
  });
});

describe('metrics kept from the wrong network and switched off without a token', () => {
  it('refuses a scraper from outside METRICS_ALLOW even with the token', async () => {
    const t = await createTestApp({ METRICS_TOKEN: SCRAPE_TOKEN, METRICS_ALLOW: '10.99.0.0/16' });
    try {
      const res = await t.http().get('/metrics').set('authorization', `Bearer ${SCRAPE_TOKEN}`);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ type: '/problems/forbidden' });
    } finally {
      await t.close();
    }
  });

  it('answers 404 without METRICS_TOKEN', async () => {
    const t = await createTestApp();
    try {
      const res = await t.http().get('/metrics').set('authorization', `Bearer ${SCRAPE_TOKEN}`);
      expect(res.status).toBe(404);
      expect(res.body.detail).toContain('METRICS_TOKEN');
    } finally {
      await t.close();
    }
  });
});
