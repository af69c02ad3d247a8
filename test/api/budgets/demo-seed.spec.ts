import { createTestApp, TestApp } from '../../../libs/testing/test-app';
import { DemoSeed } from '../../../src/demo/demo-seed';
import { as, expectStatus } from '../flexible/flexible-client';

describe('demo tenant', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('creates Groß Klein and Toitenwinkel with providers, contracts, open 2025 budgets, subsidies and approvals; a second run changes nothing', async () => {
    expect(await t.app.get(DemoSeed).seed()).toBe(true);
    await t.settle();
    const controller = as(t, 'controller');
    const budgets = await expectStatus(controller.get('/budgets?fiscalYear=2025'), 200);
    expect(budgets.body.items.map((b: any) => [b.sozialraumId, b.status, b.total])).toEqual([
      ['HRO-GK', 'open', '220000.00'],
      ['HRO-TW', 'open', '200000.00'],
    ]);
    const providers = await expectStatus(controller.get('/providers'), 200);
    expect(providers.body.items.map((p: any) => p.providerId)).toEqual(['TR-E', 'TR-F', 'TR-G', 'TR-H']);
    const tw = await expectStatus(controller.get('/budgets/HRO-TW/2025?contractAsOf=2025-06-01'), 200);
    expect(tw.body.contract).toMatchObject({ versionNumber: 1, terms: { corridorPct: '5' } });
    const utilisation = await expectStatus(controller.get('/steering/HRO-TW/2025/utilisation'), 200);
    // T1 15,600.00 + T2 59,670.00 + T3 13,860.00 + Elternkurse 24,000.00 + Jugendtreff 30,000.00
    expect(utilisation.body.forecast).toBe('143130.00');
    const t2 = await expectStatus(as(t, 'caseworker').get('/cases/TW-25-002'), 200);
    expect(t2.body.approvals[0]).toMatchObject({ rates: [expect.objectContaining({ rate: '195.00', agreementId: expect.stringMatching(/^EV-TR-F-/) })] });

    const events = await t.eventCount();
    expect(await t.app.get(DemoSeed).seed()).toBe(false);
    expect(await t.eventCount()).toBe(events);
  });
});
