import { createTestApp, TestApp } from '../../support/test-app';
import { as } from '../flexible/flexible-client';
import { openBudget, registerSozialraum } from '../flexible/flexible-setup';

/**
 * Bad input on one endpoint in detail (limits, formats, forbidden keys); the same kinds of bad input
 * are generated over every write endpoint in bad-input-transport.spec.ts and bad-input-fields.spec.ts.
 */
describe('bad input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: '4096' });
    await registerSozialraum(t, 'HRO-BI', 'Eingaben');
    await openBudget(t, 'HRO-BI', 2025, { FS: '100000.00', FUE: '20000.00', FU: '20000.00' });
  });
  afterAll(async () => t?.close());

  function expectProblem(res: { status: number; headers: Record<string, string>; body: any }, status: number) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, type: expect.stringMatching(/^\/problems\//), title: expect.any(String), detail: expect.any(String) });
  }

  const post = async (path: string, body: string | object, contentType = 'application/json') => {
    const token = await t.token({ role: 'controller' });
    return t
      .http()
      .post(path)
      .set('authorization', `Bearer ${token}`)
      .set('content-type', contentType)
      .send(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const amendment = { category: 'FU', amount: '21000.00', reason: 'Nachtrag', decisionReference: 'BV 1', businessDate: '2025-03-01' };

  it.each([
    ['constructor', '"constructor":"x"', 'constructor', '22001.00'],
    ['__proto__', '"__proto__":{"admin":true}', '__proto__', '22002.00'],
    ['prototype', '"prototype":1', 'prototype', '22003.00'],
    ['constructor.prototype', '"constructor":{"prototype":{"x":1}}', 'constructor', '22004.00'],
    ['nested __proto__', '"history":[{"__proto__":{"admin":true}}]', 'history[0].__proto__', '22005.00'],
  ])('refuses a %s key in an otherwise valid body with 400 naming it, and writes nothing', async (_label, extra, field, amount) => {
    const valid = { ...amendment, amount };
    const before = await t.eventCount();
    const res = await post('/budgets/HRO-BI/2025/amendments', `${JSON.stringify(valid).slice(0, -1)},${extra}}`);
    expectProblem(res, 400);
    expect(res.body.type).toBe('/problems/validation-failed');
    expect(res.body.errors).toEqual([{ field, message: expect.stringContaining('verbotener Schlüssel') }]);
    expect(await t.eventCount()).toBe(before);
    // The same body without the key is accepted.
    expect((await post('/budgets/HRO-BI/2025/amendments', valid)).status).toBe(200);
  });

  it('accepts JSON only (415) and bodies up to the limit (413), and reports malformed JSON, writing nothing', async () => {
    const before = await t.eventCount();
    expectProblem(await post('/budgets/HRO-BI/2025/amendments', 'category=FU', 'application/x-www-form-urlencoded'), 415);
    expectProblem(await post('/budgets/HRO-BI/2025/amendments', 'FU', 'text/plain'), 415);
    expectProblem(await post('/budgets/HRO-BI/2025/amendments', { ...amendment, reason: 'x'.repeat(5000) }), 413);
    const malformed = await post('/budgets/HRO-BI/2025/amendments', '{"category":');
    expectProblem(malformed, 400);
    expect(malformed.body.type).toBe('/problems/malformed-json');
    expect(await t.eventCount()).toBe(before);
  });

  it.each([
    ['a JSON number as amount', { amount: 21000 }, 'amount'],
    ['three decimals', { amount: '21000.005' }, 'amount'],
    ['a negative amount', { amount: '-1.00' }, 'amount'],
    ['an amount above 999,999,999.99', { amount: '1000000000.00' }, 'amount'],
    ['an impossible date', { businessDate: '2025-02-30' }, 'businessDate'],
    ['a German date', { businessDate: '01.03.2025' }, 'businessDate'],
    ['an unknown category', { category: 'XY' }, 'category'],
    ['an overlong reason', { reason: 'x'.repeat(501) }, 'reason'],
  ])('refuses %s, naming the field, and writes nothing', async (_label, change, field) => {
    const before = await t.eventCount();
    const res = await post('/budgets/HRO-BI/2025/amendments', { ...amendment, ...change });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses malformed path parameters and query values', async () => {
    const controller = as(t, 'controller');
    expectProblem((await controller.get('/budgets/hro%20bi/2025')) as any, 400);
    expectProblem((await controller.get('/budgets/HRO-BI/20x5')) as any, 400);
    expectProblem((await controller.get('/steering/HRO-BI/2025/utilisation?asOf=2025-13-01')) as any, 400);
    expectProblem((await controller.get('/budgets?limit=100000')) as any, 400);
    expectProblem((await controller.get('/budgets?cursor=bm90LWEtY3Vyc29y')) as any, 400);
  });
});

describe('strings that look like injections', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await registerSozialraum(t, 'HRO-SQ', 'Sonderzeichen');
    await openBudget(t, 'HRO-SQ', 2025, { FS: '100000.00', FUE: '20000.00', FU: '20000.00' });
  });
  afterAll(async () => t?.close());

  it('stores them verbatim and returns them as JSON data, never interpreted', async () => {
    const reason = `Robert'); DROP TABLE es_events;-- <script>alert("x")</script> {{7*7}} \${process.env.HOME} ä ß €`;
    const res = await as(t, 'controller').post('/budgets/HRO-SQ/2025/amendments', {
      category: 'FU',
      amount: '21000.00',
      reason,
      decisionReference: "BV 1' OR '1'='1",
      businessDate: '2025-03-01',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const entry = res.body.history.find((h: any) => h.type === 'BudgetAmended');
    expect(entry.data).toMatchObject({ reason, decisionReference: "BV 1' OR '1'='1" });
    const { rows } = await t.db.query(`select data->>'reason' as reason from es_events where type = 'BudgetAmended'`);
    expect(rows[0].reason).toBe(reason);
    expect(Number((await t.db.query('select count(*) from es_events')).rows[0].count)).toBeGreaterThan(0);
  });

  const SQL = "'; drop table es_events; --";
  const SCRIPT = '<script>alert(1)</script>';
  const expectSafeJson = (res: { status: number; headers: Record<string, string> }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  };
  const storedVerbatim = async (text: string) =>
    Number((await t.db.query(`select count(*)::int as n from es_events where position($1 in data::text) > 0`, [JSON.stringify(text).slice(1, -1)])).rows[0].n);

  it.each([
    ['a provider name and the reason of its change', SQL, SCRIPT],
    ['the same the other way round', SCRIPT, SQL],
  ])('stores %s verbatim and returns them as JSON data', async (_label, name, reason) => {
    const admin = as(t, 'admin');
    const providerId = name === SQL ? 'TR-SQL' : 'TR-XSS';
    const created = await admin.post('/providers', { providerId, name, legalForm: 'e.V.' });
    expectSafeJson(created, 201);
    expect(created.body.name).toBe(name);
    const changed = await admin.post(`/providers/${providerId}/changes`, { name: `${name} (neu)`, reason });
    expect(changed.status).toBeLessThan(300);
    const read = await admin.get(`/providers/${providerId}`);
    expectSafeJson(read, 200);
    expect(JSON.stringify(read.body)).toContain(JSON.stringify(`${name} (neu)`));
    expect(await storedVerbatim(name)).toBeGreaterThan(0);
    expect(await storedVerbatim(reason)).toBeGreaterThan(0);
  });

  it('stores the purpose of a subsidy and the description of a provider activity verbatim', async () => {
    const granted = await as(t, 'controller').post('/budgets/HRO-SQ/2025/subsidies', {
      providerId: 'TR-E',
      category: 'FUE',
      purpose: `${SQL} ${SCRIPT}`,
      total: '100.00',
      instalments: [{ dueDate: '2025-05-05', amount: '100.00' }],
      businessDate: '2025-04-01',
    });
    expectSafeJson(granted, 201);
    const subsidy = await as(t, 'controller').get(`/budgets/HRO-SQ/2025/subsidies/${granted.body.subsidyId}`);
    expectSafeJson(subsidy, 200);
    expect(subsidy.body.purpose).toBe(`${SQL} ${SCRIPT}`);

    const reported = await as(t, 'provider', 'TR-E').post('/budgets/HRO-SQ/2025/activities', {
      category: 'FU',
      activityDate: '2025-06-14',
      amount: '80.00',
      description: SCRIPT,
      businessDate: '2025-04-25',
    });
    expectSafeJson(reported, 201);
    const activity = await as(t, 'controller').get(`/budgets/HRO-SQ/2025/activities/${reported.body.activityId}`);
    expectSafeJson(activity, 200);
    expect(activity.body.description).toBe(SCRIPT);
    expect(await storedVerbatim(`${SQL} ${SCRIPT}`)).toBeGreaterThan(0);
    expect(await storedVerbatim(SCRIPT)).toBeGreaterThan(1);
    // es_events is still there and intact.
    expect(await t.eventCount()).toBeGreaterThan(5);
  });

  it('never shows stack traces or SQL: unknown routes and unexpected errors answer problem+json', async () => {
    const token = await t.token({ role: 'controller' });
    const unknown = await t.http().get('/nirgendwo').set('authorization', `Bearer ${token}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    // A cursor that decodes to the right shape but the wrong types reaches the database layer.
    const odd = await t
      .http()
      .get(`/budgets?cursor=${Buffer.from(JSON.stringify([{ a: 1 }, 'x'])).toString('base64url')}`)
      .set('authorization', `Bearer ${token}`);
    expect(odd.status).toBe(400);
    expect(JSON.stringify(odd.body)).not.toMatch(/at .*\.(js|ts):\d+|select |SQL|QueryFailedError/i);
    expect(odd.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
