import { Role } from '../../../libs/auth/principal';
import { createTestApp, TestApp } from '../../support/test-app';
import { as, Caller, expectStatus } from '../flexible/flexible-client';

/** Unknown ids, other tenants, provider isolation and refused roles on the master-data endpoints. */
describe('master data: not found, tenants, roles', () => {
  let t: TestApp;
  const admin = () => as(t, 'admin');

  function otherTenant(role: Role): Caller {
    const token = t.token({ role, tenant: 'OTHER-JA', sub: `${role}-other` });
    return {
      get: async (path) =>
        t
          .http()
          .get(path)
          .set('authorization', `Bearer ${await token}`),
      post: async (path, body = {}) =>
        t
          .http()
          .post(path)
          .set('authorization', `Bearer ${await token}`)
          .send(body),
    };
  }

  async function expectProblem(pending: Promise<{ status: number; body: any; headers: Record<string, string> }>, status: number, type: string) {
    const res = await pending;
    expect({ status: res.status, type: res.body.type }).toEqual({ status, type });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return res;
  }

  beforeAll(async () => {
    t = await createTestApp();
    for (const [providerId, name, legalForm] of [
      ['TR-E', 'Jugendhilfeverbund Nordost e.V.', 'e.V.'],
      ['TR-F', 'Kinder- und Jugendwohnen Warnow gGmbH', 'gGmbH'],
      ['TR-G', 'Tagesgruppe Dierkow gGmbH', 'gGmbH'],
    ]) {
      await expectStatus(admin().post('/providers', { providerId, name, legalForm }), 201);
    }
    await expectStatus(
      admin().post('/sozialraeume', { sozialraumId: 'HRO-TW', name: 'Toitenwinkel', residents: 14200, residentsUnder21: 2900, validFrom: '2024-01-01' }),
      201,
    );
    await expectStatus(
      admin().post('/sozialraeume/HRO-TW/traegerverbund', { leadProviderId: 'TR-E', memberProviderIds: ['TR-F', 'TR-G'], effectiveFrom: '2024-01-01' }),
      201,
    );
    await expectStatus(
      admin().post('/providers/TR-E/rate-agreements', {
        legalBasis: '31',
        rateType: 'hourly',
        amount: '65.00',
        validFrom: '2025-01-01',
        reference: 'EV 2025/31-E',
      }),
      201,
    );
    await expectStatus(
      as(t, 'controller').post('/budget-contracts/HRO-TW/versions', { effectiveFrom: '2025-01-01', terms: {}, reason: 'Sozialraumbudgetvertrag' }),
      201,
    );
    await expectStatus(
      as(t, 'controller').post('/budgets', {
        sozialraumId: 'HRO-TW',
        fiscalYear: 2025,
        planned: { FS: '130000.00', FUE: '30000.00', FU: '40000.00' },
        reason: 'Haushalt 2025',
        businessDate: '2024-12-10',
      }),
      201,
    );
  });
  afterAll(async () => t?.close());

  it('answers 404 problem+json for unknown providers, Sozialräume and agreements, and writes nothing', async () => {
    const before = await t.eventCount();
    await expectProblem(admin().get('/providers/TR-Z'), 404, '/problems/provider-not-found');
    await expectProblem(admin().post('/providers/TR-Z/changes', { name: 'x', reason: 'x' }), 404, '/problems/provider-not-found');
    await expectProblem(admin().get('/providers/TR-Z/rate-agreements'), 404, '/problems/provider-not-found');
    await expectProblem(
      admin().post('/providers/TR-Z/rate-agreements', { legalBasis: '31', rateType: 'hourly', amount: '60.00', validFrom: '2025-01-01' }),
      404,
      '/problems/provider-not-found',
    );
    await expectProblem(
      admin().post('/providers/TR-E/rate-agreements/EV-TR-E-9/ending', { validTo: '2025-06-30', reason: 'x' }),
      404,
      '/problems/rate-agreement-not-found',
    );
    // An agreement of another provider is not found under this one.
    await expectProblem(
      admin().post('/providers/TR-F/rate-agreements/EV-TR-E-1/ending', { validTo: '2025-06-30', reason: 'x' }),
      404,
      '/problems/rate-agreement-not-found',
    );
    await expectProblem(admin().get('/sozialraeume/HRO-XX'), 404, '/problems/sozialraum-not-found');
    await expectProblem(
      admin().post('/sozialraeume/HRO-XX/changes', { residents: 1, validFrom: '2025-01-01', reason: 'x' }),
      404,
      '/problems/sozialraum-not-found',
    );
    await expectProblem(
      admin().post('/sozialraeume/HRO-XX/traegerverbund', { leadProviderId: 'TR-E', memberProviderIds: [], effectiveFrom: '2025-01-01' }),
      404,
      '/problems/sozialraum-not-found',
    );
    await expectProblem(as(t, 'controller').get('/budget-contracts/HRO-XX'), 404, '/problems/sozialraum-not-found');
    await expectProblem(as(t, 'controller').get('/budgets/HRO-TW/2024'), 404, '/problems/budget-not-found');
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses malformed ids and inconsistent figures before anything is written', async () => {
    const before = await t.eventCount();
    const badId = await admin().post('/sozialraeume', { sozialraumId: 'hro tw', name: 'x' });
    expect(badId.status).toBe(400);
    expect(badId.body.errors).toEqual([expect.objectContaining({ field: 'sozialraumId' })]);
    expect((await admin().get('/providers/tr-e')).status).toBe(400);
    await expectProblem(
      admin().post('/sozialraeume', { sozialraumId: 'HRO-DI', name: 'Dierkow', residents: 100, residentsUnder21: 101 }),
      422,
      '/problems/residents-inconsistent',
    );
    await expectProblem(
      admin().post('/sozialraeume/HRO-TW/changes', { residents: 14000, validFrom: '2023-06-01', reason: 'zu früh' }),
      422,
      '/problems/before-registration',
    );
    await expectProblem(
      admin().post('/sozialraeume/HRO-TW/traegerverbund', { leadProviderId: 'TR-E', memberProviderIds: ['TR-E'], effectiveFrom: '2025-01-01' }),
      422,
      '/problems/lead-among-members',
    );
    await expectProblem(
      admin().post('/providers/TR-E/rate-agreements', {
        legalBasis: '31',
        rateType: 'hourly',
        amount: '60.00',
        validFrom: '2026-01-01',
        validTo: '2025-12-31',
      }),
      422,
      '/problems/invalid-period',
    );
    expect(await t.eventCount()).toBe(before);
  });

  it("another tenant's token sees 404 for every resource and empty lists", async () => {
    await t.settle();
    const other = otherTenant('admin');
    await expectProblem(other.get('/sozialraeume/HRO-TW'), 404, '/problems/sozialraum-not-found');
    await expectProblem(other.get('/providers/TR-E'), 404, '/problems/provider-not-found');
    await expectProblem(other.get('/providers/TR-E/rate-agreements'), 404, '/problems/provider-not-found');
    await expectProblem(other.get('/budget-contracts/HRO-TW'), 404, '/problems/sozialraum-not-found');
    await expectProblem(other.get('/budgets/HRO-TW/2025'), 404, '/problems/budget-not-found');
    expect((await expectStatus(other.get('/sozialraeume'), 200)).body).toEqual({ items: [], nextCursor: null });
    expect((await expectStatus(other.get('/providers'), 200)).body).toEqual({ items: [], nextCursor: null });
    expect((await expectStatus(otherTenant('controller').get('/budgets?fiscalYear=2025'), 200)).body).toEqual({ items: [], nextCursor: null });
    // Its writes cannot reach this tenant's streams either: the same id is a new resource there.
    await expectProblem(other.post('/providers/TR-E/changes', { name: 'Übernahme', reason: 'x' }), 404, '/problems/provider-not-found');
    await expectStatus(other.post('/sozialraeume', { sozialraumId: 'HRO-TW', name: 'Gleicher Code, anderes Amt', validFrom: '2024-01-01' }), 201);
    const ours = await expectStatus(admin().get('/sozialraeume/HRO-TW?asOf=2025-01-01'), 200);
    expect(ours.body.current.name).toBe('Toitenwinkel');
    expect(ours.body.history).toHaveLength(1);
  });

  it('provider users read only their own rate agreements', async () => {
    const own = await expectStatus(as(t, 'provider', 'TR-E').get('/providers/TR-E/rate-agreements'), 200);
    expect(own.body.items.map((a: any) => [a.agreementId, a.legalBasis, a.amount])).toEqual([['EV-TR-E-1', '31', '65.00']]);
    await expectProblem(as(t, 'provider', 'TR-F').get('/providers/TR-E/rate-agreements'), 404, '/problems/provider-not-found');
  });

  it('changes a provider with a reason; a change that changes nothing writes nothing', async () => {
    const changed = await expectStatus(
      admin().post('/providers/TR-G/changes', { legalForm: 'gUG', name: 'Tagesgruppe Dierkow gUG', reason: 'Umwandlung laut Handelsregister' }),
      200,
    );
    expect(changed.body).toMatchObject({ providerId: 'TR-G', version: 2, name: 'Tagesgruppe Dierkow gUG', legalForm: 'gUG' });
    const before = await t.eventCount();
    const same = await expectStatus(admin().post('/providers/TR-G/changes', { legalForm: 'gUG', reason: 'nochmal' }), 200);
    expect(same.body.version).toBe(2);
    expect(await t.eventCount()).toBe(before);
    expect((await expectStatus(as(t, 'auditor').get('/providers/TR-G'), 200)).body).toMatchObject({
      name: 'Tagesgruppe Dierkow gUG',
      legalForm: 'gUG',
      version: 2,
    });
    await t.settle();
    const listed = await expectStatus(admin().get('/providers?nameContains=dierkow'), 200);
    expect(listed.body.items).toEqual([{ providerId: 'TR-G', name: 'Tagesgruppe Dierkow gUG', legalForm: 'gUG', version: 2 }]);
  });

  it('lists the lead provider in force today even when an older Verbund is recorded afterwards', async () => {
    await expectStatus(
      admin().post('/sozialraeume', { sozialraumId: 'HRO-LK', name: 'Lütten Klein', residents: 17900, residentsUnder21: 3100, validFrom: '2024-01-01' }),
      201,
    );
    await expectStatus(
      admin().post('/sozialraeume/HRO-LK/traegerverbund', { leadProviderId: 'TR-F', memberProviderIds: ['TR-E'], effectiveFrom: '2026-01-01' }),
      201,
    );
    // Recorded later, effective earlier: the Verbund of 2024 and 2025.
    await expectStatus(
      admin().post('/sozialraeume/HRO-LK/traegerverbund', { leadProviderId: 'TR-E', memberProviderIds: ['TR-G'], effectiveFrom: '2024-01-01' }),
      201,
    );
    const detail = await expectStatus(admin().get('/sozialraeume/HRO-LK?asOf=2025-06-01'), 200);
    expect(detail.body.traegerverbund).toEqual({ effectiveFrom: '2024-01-01', leadProviderId: 'TR-E', memberProviderIds: ['TR-G'] });
    expect(detail.body.traegerverbundHistory.map((v: any) => [v.effectiveFrom, v.leadProviderId])).toEqual([
      ['2024-01-01', 'TR-E'],
      ['2026-01-01', 'TR-F'],
    ]);
    await t.settle();
    const ledByF = await expectStatus(admin().get('/sozialraeume?leadProviderId=TR-F'), 200);
    expect(ledByF.body.items.map((s: any) => [s.sozialraumId, s.memberProviderIds])).toEqual([['HRO-LK', ['TR-E']]]);
    const ledByE = await expectStatus(admin().get('/sozialraeume?leadProviderId=TR-E'), 200);
    expect(ledByE.body.items.map((s: any) => s.sozialraumId)).toEqual(['HRO-TW']);
  });

  it('pages the Sozialräume with limit and cursor; a forged cursor is a 400', async () => {
    await t.settle();
    const first = await expectStatus(as(t, 'caseworker').get('/sozialraeume?limit=1'), 200);
    expect(first.body.items.map((s: any) => [s.sozialraumId, s.name, s.residents, s.leadProviderId])).toEqual([['HRO-LK', 'Lütten Klein', 17900, 'TR-F']]);
    const second = await expectStatus(as(t, 'caseworker').get(`/sozialraeume?limit=1&cursor=${first.body.nextCursor}`), 200);
    expect(second.body.items.map((s: any) => [s.sozialraumId, s.residentsUnder21, s.leadProviderId])).toEqual([['HRO-TW', 2900, 'TR-E']]);
    expect(second.body.nextCursor).toBeNull();
    expect((await as(t, 'caseworker').get('/sozialraeume?limit=1&cursor=not-a-cursor')).status).toBe(400);
    expect((await as(t, 'caseworker').get('/sozialraeume?limit=0')).status).toBe(400);
  });

  describe('only the admin sets up master data', () => {
    const refused: Role[] = ['controller', 'caseworker', 'wiju', 'provider', 'auditor'];
    const commands: Array<[string, object]> = [
      ['/sozialraeume', { sozialraumId: 'HRO-SD', name: 'Schmarl', residents: 9000, residentsUnder21: 1800, validFrom: '2024-01-01' }],
      ['/sozialraeume/HRO-TW/changes', { residents: 14350, validFrom: '2026-01-01', reason: 'Statistik' }],
      ['/sozialraeume/HRO-TW/traegerverbund', { leadProviderId: 'TR-F', memberProviderIds: [], effectiveFrom: '2026-01-01' }],
      ['/providers', { providerId: 'TR-K', name: 'Neuer Träger e.V.', legalForm: 'e.V.' }],
      ['/providers/TR-E/changes', { name: 'Übernahme', reason: 'x' }],
      ['/providers/TR-E/rate-agreements', { legalBasis: '30', rateType: 'hourly', amount: '65.00', validFrom: '2025-01-01' }],
      ['/providers/TR-E/rate-agreements/EV-TR-E-1/ending', { validTo: '2025-12-31', reason: 'x' }],
    ];

    it.each(commands)('POST %s: every other role gets 403 and nothing is written', async (path, body) => {
      const before = await t.eventCount();
      for (const role of refused) {
        const res = await as(t, role, role === 'provider' ? 'TR-E' : undefined).post(path, body);
        expect({ role, status: res.status }).toEqual({ role, status: 403 });
      }
      expect(await t.eventCount()).toBe(before);
    });
  });
});
