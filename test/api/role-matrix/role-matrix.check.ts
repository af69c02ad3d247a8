import { Role, ROLES } from '../../../libs/auth/principal';
import { roleMatrix } from '../../../src/shared/role-matrix';
import { createTestApp, TestApp } from '../../support/test-app';
import { createExampleApi, endpointExamples } from '../support/all-examples';

export const MATRIX = roleMatrix;
export const SHARDS = 3;

/** Plausible values for path parameters: the guard refuses before any lookup happens. */
const PARAMS: Record<string, string> = {
  sozialraumId: 'HRO-TW',
  fiscalYear: '2025',
  caseRef: 'TW-25-001',
  approvalId: 'TW-25-001-B1',
  invoiceId: 'TW-25-001-B1-R1',
  providerId: 'TR-E',
  proposalId: 'UMS-2025-1',
  requestId: 'UEV-HRO-TW-2025-A1',
  subsidyId: 'ZUW-2025-1',
  instalmentId: 'R1',
  activityId: 'AKT-2025-1',
  agreementId: 'EV-TR-E-1',
  month: '2025-01',
  serviceMonth: '2025-03',
  indicatorKey: 'ambulant-anteil',
  targetAgreementId: 'ZV-HRO-TW-2025-1',
  batchId: 'ZB-2025-0001',
  subscriptionId: '0b6c8f52-3f0e-4d8a-9a41-6c1f2d7e9b10',
};

export function concretePath(template: string): string {
  return template.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    if (!PARAMS[name]) throw new Error(`no sample value for :${name}`);
    return PARAMS[name];
  });
}

/**
 * Checks every cell of the matrix rows of one shard: allowed roles succeed with the row's
 * registered example, every other role gets 403 and nothing is written.
 */
export function checkShard(shard: number): void {
  const rows = [...MATRIX.entries()].filter((_, index) => index % SHARDS === shard);

  describe(`role matrix (shard ${shard + 1} of ${SHARDS})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(async () => t?.close());

    it.each(rows.map(([key, allowed]) => [key, [...allowed]] as const))('%s', async (key, allowed) => {
      const [method, template] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string];
      const verb = method.toLowerCase() as 'get' | 'post';
      const example = endpointExamples.get(key);
      if (!example) throw new Error(`no endpoint example registered for "${key}": add one in test/api/<capability>/examples.ts`);

      for (const role of ROLES as readonly Role[]) {
        if (allowed.includes(role)) {
          const call = await example(createExampleApi(t), role);
          const token = await t.token({ role, provider: role === 'provider' ? (call.provider ?? 'TR-E') : undefined, sub: `${role}-matrix` });
          let req = t.http()[verb](call.path).set('authorization', `Bearer ${token}`);
          for (const [name, value] of Object.entries(call.headers ?? {})) req = req.set(name, value);
          const res = await (call.body ? req.send(call.body) : req);
          if (res.status < 200 || res.status > 299) throw new Error(`${key} as ${role}: expected success, got ${res.status} ${JSON.stringify(res.body)}`);
        } else {
          const token = await t.token({ role, provider: role === 'provider' ? 'TR-E' : undefined, sub: `${role}-matrix` });
          const before = await t.eventCount();
          let req = t.http()[verb](concretePath(template)).set('authorization', `Bearer ${token}`);
          if (method !== 'GET') req = req.send({});
          const res = await req;
          if (res.status !== 403) throw new Error(`${key} as ${role}: expected 403, got ${res.status} ${JSON.stringify(res.body)}`);
          expect(res.body).toMatchObject({ type: '/problems/forbidden', status: 403 });
          expect(await t.eventCount()).toBe(before);
        }
      }
    });
  });
}
