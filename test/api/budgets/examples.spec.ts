import { roleMatrix } from '../../../src/shared/role-matrix';
import { createTestApp, TestApp } from '../../support/test-app';
import { createExampleApi, endpointExamples } from '../support/endpoint-examples';
import './examples';

/**
 * The master-data, contract and budget examples the generated role-matrix test uses: each works
 * once for the first role its matrix row allows.
 */
describe('master-data, contract and budget endpoint examples', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  const matrix = roleMatrix;
  const ours = (key: string) =>
    /^[A-Z]+ \/(sozialraeume|providers|budget-contracts|budgets)(\/|$)/.test(key) && !/\/(flexible|subsidies|activities)(\/|$)/.test(key);
  const rows = [...matrix.entries()].filter(([key]) => ours(key));

  it('has an example for every matrix row of Sozialräume, providers, contracts and budgets, and none for unknown rows', () => {
    expect(rows.length).toBe(25);
    expect(rows.map(([key]) => key).filter((key) => !endpointExamples.has(key))).toEqual([]);
    expect([...endpointExamples.keys()].filter((key) => !matrix.has(key))).toEqual([]);
  });

  it.each(rows.map(([key, roles]) => [key, [...roles][0]] as const))('%s succeeds as %s', async (key, role) => {
    const [method] = key.split(' ');
    const call = await endpointExamples.get(key)!(createExampleApi(t), role);
    const token = await t.token({ role, provider: role === 'provider' ? (call.provider ?? 'TR-E') : undefined, sub: `${role}-example` });
    let req = t.http()[method.toLowerCase() as 'get' | 'post'](call.path).set('authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(call.headers ?? {})) req = req.set(name, value);
    const res = await (call.body ? req.send(call.body) : req);
    if (res.status < 200 || res.status > 299) throw new Error(`${method} ${call.path} as ${role} answered ${res.status}: ${JSON.stringify(res.body)}`);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('the provider examples of reallocations act as the lead provider and work for it as well', async () => {
    for (const key of [
      'POST /budgets/:sozialraumId/:fiscalYear/reallocations',
      'POST /budgets/:sozialraumId/:fiscalYear/reallocations/:proposalId/agreement',
      'POST /budgets/:sozialraumId/:fiscalYear/reallocations/:proposalId/withdrawal',
    ]) {
      expect(matrix.get(key)?.has('provider')).toBe(true);
      const call = await endpointExamples.get(key)!(createExampleApi(t), 'provider');
      const token = await t.token({ role: 'provider', provider: call.provider ?? 'TR-E', sub: 'provider-example' });
      const res = await t
        .http()
        .post(call.path)
        .set('authorization', `Bearer ${token}`)
        .send(call.body ?? {});
      expect({ key, status: res.status }).toEqual({ key, status: key.endsWith('/reallocations') ? 201 : 200 });
    }
  });
});
