import { roleMatrix } from '../../../src/shared/role-matrix';
import { createTestApp, TestApp } from '../../support/test-app';
import { createExampleApi, endpointExamples } from '../support/endpoint-examples';
import './examples';

/** Every individual-help example works for each role the matrix allows (the role-matrix test relies on them). */
describe('individual-help endpoint examples', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  const matrix = roleMatrix;
  const rows = [...matrix.entries()].filter(([key]) => /^(GET|POST) \/(cases|approvals|invoices)\b/.test(key));

  it('covers every row of the matrix for cases, approvals and invoices', () => {
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(rows.map(([key]) => key).filter((key) => !endpointExamples.has(key))).toEqual([]);
  });

  it.each(rows.map(([key, roles]) => [key, [...roles]] as const))('%s succeeds for its allowed roles', async (key, roles) => {
    const [method] = key.split(' ');
    for (const role of roles) {
      const api = createExampleApi(t);
      const call = await endpointExamples.get(key)!(api, role);
      const token = await t.token({ role, provider: role === 'provider' ? (call.provider ?? 'TR-E') : undefined, sub: `${role}-example` });
      let req = t.http()[method.toLowerCase() as 'get' | 'post'](call.path).set('authorization', `Bearer ${token}`);
      if (call.body) req = req.send(call.body);
      const res = await req;
      if (res.status < 200 || res.status > 299) throw new Error(`${method} ${call.path} as ${role} answered ${res.status}: ${JSON.stringify(res.body)}`);
      expect(res.headers['content-type']).toMatch(/json/);
    }
  });
});
