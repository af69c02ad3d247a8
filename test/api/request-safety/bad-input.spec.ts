import { Role } from '../../../libs/auth/principal';
import { createTestApp, TestApp } from '../../../libs/testing/test-app';
import { createExampleApi, endpointExamples } from '../support/all-examples';
import { MATRIX } from '../role-matrix/role-matrix.check';
import { as } from '../flexible/flexible-client';
import { openBudget, registerSozialraum } from '../flexible/flexible-setup';

/** Bad input gets a clear problem+json (which field, why) and changes nothing — on every write endpoint. */
describe('bad input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: '4096' });
    await registerSozialraum(t, 'HRO-BI', 'Eingaben');
    await openBudget(t, 'HRO-BI', 2025, { FS: '100000.00', FUE: '20000.00', FU: '20000.00' });
  });
  afterAll(async () => t?.close());

  const writes = [...MATRIX.entries()].filter(([key]) => key.startsWith('POST ')).map(([key, roles]) => [key, [...roles][0]] as [string, Role]);

  function expectProblem(res: { status: number; headers: Record<string, string>; body: any }, status: number) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, type: expect.stringMatching(/^\/problems\//), title: expect.any(String), detail: expect.any(String) });
  }

  it.each(writes)('%s refuses an unknown field, naming it, and writes nothing', async (key, role) => {
    const call = await endpointExamples.get(key)!(createExampleApi(t), role);
    const token = await t.token({ role, provider: role === 'provider' ? (call.provider ?? 'TR-E') : undefined, sub: `${role}-bad` });
    const before = await t.eventCount();
    const res = await t.http().post(call.path).set('authorization', `Bearer ${token}`).send({ ...(call.body ?? {}), vorname: 'Max' });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'vorname' })]));
    expect(await t.eventCount()).toBe(before);
  });

  const post = async (path: string, body: string | object, contentType = 'application/json') => {
    const token = await t.token({ role: 'controller' });
    return t.http().post(path).set('authorization', `Bearer ${token}`).set('content-type', contentType).send(typeof body === 'string' ? body : JSON.stringify(body));
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
    expect(res.body.errors).toEqual([{ field, message: expect.stringContaining('forbidden') }]);
    expect(await t.eventCount()).toBe(before);
    // The same body without the key is accepted.
    expect((await post('/budgets/HRO-BI/2025/amendments', valid)).status).toBe(200);
  });

  it('accepts JSON only (415) and bodies up to the limit (413), and reports malformed JSON', async () => {
    expectProblem(await post('/budgets/HRO-BI/2025/amendments', 'category=FU', 'application/x-www-form-urlencoded'), 415);
    expectProblem(await post('/budgets/HRO-BI/2025/amendments', 'FU', 'text/plain'), 415);
    expectProblem(await post('/budgets/HRO-BI/2025/amendments', { ...amendment, reason: 'x'.repeat(5000) }), 413);
    expectProblem(await post('/budgets/HRO-BI/2025/amendments', '{"category":'), 400);
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
    expectProblem(await controller.get('/budgets/hro%20bi/2025') as any, 400);
    expectProblem(await controller.get('/budgets/HRO-BI/20x5') as any, 400);
    expectProblem(await controller.get('/steering/HRO-BI/2025/utilisation?asOf=2025-13-01') as any, 400);
    expectProblem(await controller.get('/budgets?limit=100000') as any, 400);
    expectProblem(await controller.get('/budgets?cursor=bm90LWEtY3Vyc29y') as any, 400);
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
    const res = await as(t, 'controller').post('/budgets/HRO-SQ/2025/amendments', { category: 'FU', amount: '21000.00', reason, decisionReference: "BV 1' OR '1'='1", businessDate: '2025-03-01' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const entry = res.body.history.find((h: any) => h.type === 'BudgetAmended');
    expect(entry.data).toMatchObject({ reason, decisionReference: "BV 1' OR '1'='1" });
    const { rows } = await t.db.query(`select data->>'reason' as reason from es_events where type = 'BudgetAmended'`);
    expect(rows[0].reason).toBe(reason);
    expect(Number((await t.db.query('select count(*) from es_events')).rows[0].count)).toBeGreaterThan(0);
  });

  it('never shows stack traces or SQL: unknown routes and unexpected errors answer problem+json', async () => {
    const token = await t.token({ role: 'controller' });
    const unknown = await t.http().get('/nirgendwo').set('authorization', `Bearer ${token}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    // A cursor that decodes to the right shape but the wrong types reaches the database layer.
    const odd = await t.http().get(`/budgets?cursor=${Buffer.from(JSON.stringify([{ a: 1 }, 'x'])).toString('base64url')}`).set('authorization', `Bearer ${token}`);
    expect(odd.status).toBe(400);
    expect(JSON.stringify(odd.body)).not.toMatch(/at .*\.(js|ts):\d+|select |SQL|QueryFailedError/i);
    expect(odd.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
