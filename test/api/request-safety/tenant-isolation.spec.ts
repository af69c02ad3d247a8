import { Role } from '../../../libs/auth/principal';
import { createTestApp, TestApp } from '../../support/test-app';
import { MATRIX } from '../role-matrix/role-matrix.check';
import { createExampleApi, endpointExamples } from '../support/all-examples';
import { ensureProviders } from '../support/example-setup';

/**
 * Tenant and provider isolation on every read endpoint of the matrix. Data is set up in tenant
 * HRO-JA through the API (the endpoint examples: cases with approvals and invoices, subsidies and
 * activities, steering views, an overrun procedure with its notifications, provider figures); then
 * the same calls are made with a token of tenant HRO-XX, and (where providers may read) by a
 * provider user of another provider, TR-Z. They see 404 or empty lists, never HRO-JA's or TR-E's
 * data.
 */
const OTHER_TENANT = 'HRO-XX';
const OTHER_PROVIDER = 'TR-Z';
/**
 * Not checked here: projection consumers and their lag are not tenant data; the audit chain
 * verification reports on the one hash chain of the whole event store, naming only the asking
 * tenant's events (checked in test/api/audit); GET /me answers only what the caller's own token
 * says (checked in test/api/dev-sign-in).
 */
const NOT_TENANT_DATA = new Set(['GET /ops/projections', 'GET /audit/verification', 'GET /me']);
/** Read endpoints whose data belongs to one provider (TR-E in the examples): other providers see none of it. */
const PROVIDER_SCOPED = new Set([
  'GET /cases/:caseRef',
  'GET /cases/:caseRef/approvals/:approvalId/months/:serviceMonth',
  'GET /approvals',
  'GET /invoices',
  'GET /budgets/:sozialraumId/:fiscalYear/subsidies/:subsidyId',
  'GET /budgets/:sozialraumId/:fiscalYear/activities/:activityId',
  'GET /subsidies',
  'GET /flexible-activities',
  'GET /provider-figures/:providerId/:fiscalYear',
  'GET /provider-figures/:providerId/:fiscalYear/csv',
  'GET /provider-figures/:providerId/:fiscalYear/xlsx',
  'GET /providers/:providerId/rate-agreements',
]);
/** Lists that the setup fills in HRO-JA, so that an empty list elsewhere means something. */
const FILLED_LISTS = [
  'GET /approvals',
  'GET /invoices',
  'GET /subsidies',
  'GET /flexible-activities',
  'GET /notifications',
  'GET /notifications/unread',
  'GET /budgets',
  'GET /sozialraeume',
  'GET /providers',
];

/**
 * Answers that are no list but hold the tenant's data in named arrays beside what is the same for
 * everyone (the built-in indicators): for another tenant those arrays are empty.
 */
const EMPTY_FOR_OTHERS: Record<string, (body: any) => boolean> = {
  'GET /indicators': (b) => b.history?.length === 0 && b.indicators?.every((i: any) => i.source === 'computed'),
  'GET /indicators/:indicatorKey/comparison/:fiscalYear': (b) => b.sozialraeume?.length === 0,
  'GET /statistics/facts': (b) => b.facts?.length === 0,
  'GET /finanzverfahren/configuration': (b) => b.versions?.length === 0,
  'GET /finanzverfahren/reconciliation': (b) => b.lines?.length === 0 && b.discrepancies?.length === 0,
};

interface Read {
  key: string;
  path: string;
  role: Role;
  ownBody: string;
}

describe('tenant and provider isolation on every read endpoint', () => {
  const reads = [...MATRIX.entries()].filter(([key]) => key.startsWith('GET ') && !NOT_TENANT_DATA.has(key));
  let t: TestApp;
  const prepared = new Map<string, Read>();
  /** Ids created in HRO-JA (upper-case path segments of the examples): none may show up elsewhere. */
  const secrets = new Set<string>();

  beforeAll(async () => {
    t = await createTestApp();
    const api = createExampleApi(t);
    await ensureProviders(api, ['TR-E', OTHER_PROVIDER]);
    // An overrun procedure with a meeting: warnings and notifications exist in HRO-JA.
    const meeting = await endpointExamples.get('POST /steering/:sozialraumId/:fiscalYear/procedure/meetings')!(api, 'controller');
    await api.call('controller', 'POST', meeting.path, meeting.body);
    // A submitted invoice of TR-E (the example prepares it for the first verification).
    const invoice = await endpointExamples.get('POST /cases/:caseRef/invoices/:invoiceId/verifications')!(api, 'wiju');
    for (const call of [meeting, invoice]) addSecrets(call.path);
    for (const [key, allowed] of reads) {
      const role = ([...allowed].find((r) => r !== 'provider') ?? 'provider') as Role;
      const call = await endpointExamples.get(key)!(api, role);
      addSecrets(call.path);
      prepared.set(key, { key, path: call.path, role, ownBody: '' });
    }
    await t.settle();
    for (const read of prepared.values()) {
      const res = await get(read.path, { role: read.role, provider: read.role === 'provider' ? 'TR-E' : undefined });
      if (res.status !== 200) throw new Error(`setup: ${read.key} as ${read.role} in HRO-JA answered ${res.status}: ${res.text.slice(0, 300)}`);
      read.ownBody = res.text;
    }
  }, 120_000);
  afterAll(async () => t?.close());

  function addSecrets(path: string): void {
    for (const segment of path.split('?')[0].split('/')) if (/^[A-Z][A-Z0-9-]{4,}$/.test(segment) && segment !== 'TR-E') secrets.add(segment);
  }

  async function get(path: string, token: { role: Role; tenant?: string; provider?: string }) {
    const jwt = await t.token({
      role: token.role,
      tenant: token.tenant,
      provider: token.provider,
      sub: `${token.role}-${token.tenant ?? 'HRO-JA'}-${token.provider ?? ''}`,
    });
    return t.http().get(path).set('authorization', `Bearer ${jwt}`);
  }

  /** What is wrong with an answer to a caller that must see nothing of HRO-JA's (TR-E's) data. */
  function leak(label: string, read: Read, res: { status: number; body: any; text: string }, allowed: number[]): string[] {
    const wrong: string[] = [];
    const path = read.path;
    if (!allowed.includes(res.status)) wrong.push(`${label}: status ${res.status} ${res.text.slice(0, 300)}`);
    if (res.status >= 400) {
      if (res.body?.status !== res.status || typeof res.body?.type !== 'string') wrong.push(`${label}: not a problem body: ${res.text.slice(0, 200)}`);
    } else if (res.status === 200 && res.text.trim() === '') {
      // An empty export.
    } else if (res.status === 200 && EMPTY_FOR_OTHERS[read.key]) {
      if (!EMPTY_FOR_OTHERS[read.key](res.body)) wrong.push(`${label}: 200 with data: ${res.text.slice(0, 300)}`);
    } else if (res.status === 200) {
      const items = Array.isArray(res.body) ? res.body : res.body?.items;
      if (!Array.isArray(items)) wrong.push(`${label}: 200 with data instead of 404: ${res.text.slice(0, 300)}`);
      else if (items.length > 0) wrong.push(`${label}: list not empty: ${JSON.stringify(items).slice(0, 300)}`);
    }
    // A refusal may repeat the ids the caller sent itself (the `instance`, "SR-1 does not exist");
    // any other id of HRO-JA's must not show up.
    const echoed = res.status >= 400 ? path : '';
    for (const secret of secrets) if (res.text.includes(secret) && !echoed.includes(secret)) wrong.push(`${label}: shows ${secret}`);
    return wrong;
  }

  it('has data in HRO-JA to hide: the lists are filled there', () => {
    for (const key of FILLED_LISTS) {
      const body = JSON.parse(prepared.get(key)!.ownBody);
      expect({ key, items: (body.items ?? []).length > 0, body: (body.items ?? []).length > 0 ? undefined : body }).toEqual({ key, items: true });
    }
    expect(secrets.size).toBeGreaterThan(20);
  });

  it.each(reads.map(([key, allowed]) => [key, [...allowed]] as const))('%s: another tenant sees 404 or an empty list', async (key, allowed) => {
    const read = prepared.get(key)!;
    const wrong: string[] = [];
    for (const role of allowed.filter((r) => r !== 'provider'))
      wrong.push(...leak(`${OTHER_TENANT} ${role}`, read, await get(read.path, { role, tenant: OTHER_TENANT }), [200, 404]));
    // A provider user of another tenant, even one with the same provider id.
    if (allowed.includes('provider'))
      wrong.push(
        ...leak(`${OTHER_TENANT} provider TR-E`, read, await get(read.path, { role: 'provider', tenant: OTHER_TENANT, provider: 'TR-E' }), [200, 403, 404]),
      );
    expect(wrong).toEqual([]);
  });

  it.each([...PROVIDER_SCOPED].map((key) => [key]))("%s: a provider user of another provider sees none of TR-E's data", async (key) => {
    const read = prepared.get(key)!;
    expect(MATRIX.get(key)!.has('provider')).toBe(true);
    const wrong = leak(`provider ${OTHER_PROVIDER}`, read, await get(read.path, { role: 'provider', provider: OTHER_PROVIDER }), [200, 403, 404]);
    expect(wrong).toEqual([]);
    // TR-E itself does see it.
    expect((await get(read.path, { role: 'provider', provider: 'TR-E' })).status).toBe(200);
  });
});
