import { createTestApp, TestApp } from '../../../libs/testing/test-app';
import { DemoSeed } from '../../../src/demo/demo-seed';
import { as, expectStatus } from '../flexible/flexible-client';

describe('demo tenant', () => {
  let t: TestApp;
  const figures = (body: any) => body.categories.map((c: any) => [c.category, c.planned, c.bound ?? null]);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('completes a tenant of which an interrupted run left the first provider and Sozialraum', async () => {
    await expectStatus(as(t, 'admin').post('/providers', { providerId: 'TR-E', name: 'Jugendhilfeverbund Nordost e.V.', legalForm: 'e.V.' }), 201);
    await expectStatus(as(t, 'admin').post('/sozialraeume', { sozialraumId: 'HRO-TW', name: 'Toitenwinkel', residents: 14200, residentsUnder21: 2900, validFrom: '2024-01-01' }), 201);
    expect(await t.app.get(DemoSeed).seed()).toBe(true);
    await t.settle();
  });

  it('has Groß Klein and Toitenwinkel with their Trägerverbünde, providers with legal forms and rate agreements', async () => {
    const admin = as(t, 'admin');
    const sozialraeume = await expectStatus(admin.get('/sozialraeume'), 200);
    expect(sozialraeume.body.items.map((s: any) => [s.sozialraumId, s.name, s.residents, s.residentsUnder21, s.leadProviderId, s.memberProviderIds])).toEqual([
      ['HRO-GK', 'Groß Klein', 11800, 2600, 'TR-H', ['TR-E', 'TR-F']],
      ['HRO-TW', 'Toitenwinkel', 14200, 2900, 'TR-E', ['TR-F', 'TR-G']],
    ]);
    const providers = await expectStatus(admin.get('/providers'), 200);
    expect(providers.body.items.map((p: any) => [p.providerId, p.legalForm])).toEqual([
      ['TR-E', 'e.V.'],
      ['TR-F', 'gGmbH'],
      ['TR-G', 'gGmbH'],
      ['TR-H', 'e.V.'],
    ]);
    const trE = await expectStatus(admin.get('/providers/TR-E/rate-agreements'), 200);
    expect(trE.body.items.map((a: any) => [a.legalBasis, a.rateType, a.amount, a.validFrom, a.validTo])).toEqual([
      ['31', 'hourly', '65.00', '2025-01-01', null],
      ['30', 'hourly', '65.00', '2025-01-01', null],
      ['35a', 'hourly', '38.50', '2025-01-01', null],
    ]);
    const trF = await expectStatus(admin.get('/providers/TR-F/rate-agreements'), 200);
    expect(trF.body.items.map((a: any) => [a.legalBasis, a.rateType, a.amount])).toEqual([
      ['34', 'daily', '195.00'],
      ['42', 'daily', '220.00'],
    ]);
    const trG = await expectStatus(admin.get('/providers/TR-G/rate-agreements'), 200);
    expect(trG.body.items.map((a: any) => [a.legalBasis, a.rateType, a.amount])).toEqual([['32', 'monthly', '2450.00']]);
  });

  it('has open 2025 budgets (allocated in December, opened on 01.01.) under the rule-book contract', async () => {
    const controller = as(t, 'controller');
    const budgets = await expectStatus(controller.get('/budgets?fiscalYear=2025'), 200);
    expect(budgets.body.items.map((b: any) => [b.sozialraumId, b.status, b.total])).toEqual([
      ['HRO-GK', 'open', '220000.00'],
      ['HRO-TW', 'open', '200000.00'],
    ]);
    const tw = await expectStatus(controller.get('/budgets/HRO-TW/2025?contractAsOf=2025-06-01'), 200);
    expect(figures(tw.body)).toEqual([
      ['FS', '130000.00', null],
      ['FUE', '30000.00', '24000.00'],
      ['FU', '40000.00', '30000.00'],
    ]);
    expect(tw.body.history.map((h: any) => [h.type, h.businessDate])).toEqual([
      ['BudgetAllocated', '2024-12-10'],
      ['BudgetOpened', '2025-01-01'],
    ]);
    expect(tw.body.contract).toMatchObject({ versionNumber: 1, effectiveFrom: '2025-01-01', terms: { corridorPct: '5', highCostDailyRateThreshold: '300.00' } });
    const gk = await expectStatus(controller.get('/budgets/HRO-GK/2025'), 200);
    expect(figures(gk.body)).toEqual([
      ['FS', '160000.00', null],
      ['FUE', '25000.00', '0.00'],
      ['FU', '35000.00', '0.00'],
    ]);
    const utilisation = await expectStatus(controller.get('/steering/HRO-TW/2025/utilisation'), 200);
    // T1 15,600.00 + T2 59,670.00 + T3 13,860.00 + Elternkurse 24,000.00 + Jugendtreff 30,000.00
    expect(utilisation.body.forecast).toBe('143130.00');
    const t2 = await expectStatus(as(t, 'caseworker').get('/cases/TW-25-002'), 200);
    expect(t2.body.approvals[0]).toMatchObject({ rates: [expect.objectContaining({ rate: '195.00', agreementId: expect.stringMatching(/^EV-TR-F-/) })] });
  });

  it('a second run changes nothing', async () => {
    const events = await t.eventCount();
    expect(await t.app.get(DemoSeed).seed()).toBe(false);
    expect(await t.eventCount()).toBe(events);
  });
});
