import { createTestApp, TestApp } from '../../support/test-app';
import { DemoSeed, DemoSeedResult } from '../../../src/demo/demo-seed';
import { as, expectStatus } from '../flexible/flexible-client';

/**
 * Events the seed wrote (after `fromPosition`) whose business date lies after `today`: the demo
 * records nothing ahead of its day. What the test itself posted before the seed carries the wall
 * clock's date, which is after the seed's fixed day once that day has passed.
 */
/** Events of the seed dated after its day; the audit trail's checkpoints are dated when they are signed, on the real day. */
async function datedAfter(t: TestApp, today: string, fromPosition: string): Promise<Array<{ type: string; businessDate: string }>> {
  const { rows } = await t.db.query(
    `select type, metadata->>'businessDate' as "businessDate" from es_events
      where global_position > $2 and metadata->>'businessDate' > $1 and type <> 'AuditCheckpointSigned' order by global_position`,
    [today, fromPosition],
  );
  return rows;
}

async function lastPosition(t: TestApp): Promise<string> {
  const { rows } = await t.db.query(`select coalesce(max(global_position), 0)::text as "position" from es_events`);
  return rows[0].position;
}

describe('demo tenant seeded on 2026-12-02: 2025 closed and settled, 2026 in progress', () => {
  let t: TestApp;
  let seeded: DemoSeedResult;
  let beforeSeed: string;
  const today = '2026-12-02';
  const figures = (body: any) => body.categories.map((c: any) => [c.category, c.planned, c.bound ?? null]);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('completes a tenant of which an interrupted run left the first provider and Sozialraum', async () => {
    await expectStatus(as(t, 'admin').post('/providers', { providerId: 'TR-E', name: 'Jugendhilfeverbund Nordost e.V.', legalForm: 'e.V.' }), 201);
    await expectStatus(
      as(t, 'admin').post('/sozialraeume', { sozialraumId: 'HRO-TW', name: 'Toitenwinkel', residents: 14200, residentsUnder21: 2900, validFrom: '2024-01-01' }),
      201,
    );
    beforeSeed = await lastPosition(t);
    seeded = await t.app.get(DemoSeed).run(today);
    expect(seeded).toMatchObject({ previousYear: 2025, currentYear: 2026, today });
    expect(seeded.written).toBeGreaterThan(500);
    await t.settle();
  }, 600_000);

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
  });

  it('has the worked year 2025 in full: closed, every month closed, settled with both confirmations and applied to 2026', async () => {
    const controller = as(t, 'controller');
    const budgets = await expectStatus(controller.get('/budgets?fiscalYear=2025'), 200);
    expect(budgets.body.items.map((b: any) => [b.sozialraumId, b.status, b.total])).toEqual([
      ['HRO-GK', 'closed', '220000.00'],
      ['HRO-TW', 'closed', '200000.00'],
    ]);
    const utilisation = await expectStatus(controller.get('/steering/HRO-TW/2025/utilisation'), 200);
    expect(utilisation.body).toMatchObject({ budget: '200000.00', actual: '161502.50', forecast: '161502.50' });
    const closes = await expectStatus(controller.get('/steering/HRO-TW/2025/month-closes'), 200);
    expect(closes.body.items.map((c: any) => c.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`));
    const steering = await expectStatus(controller.get('/steering/HRO-TW/2025'), 200);
    expect(steering.body).toMatchObject({ crossings: {}, underrunDetectedOn: '2025-09-30' });

    const tw = await expectStatus(controller.get('/steering/HRO-TW/2025/settlement'), 200);
    expect(tw.body.recorded).toMatchObject({
      calculatedOn: '2026-01-21',
      applied: true,
      confirmations: [
        { party: 'jugendamt', organisationId: 'HRO-JA', on: '2026-01-22' },
        { party: 'lead-provider', organisationId: 'TR-E', on: '2026-01-23' },
      ],
      figures: { actual: '161502.50', deviation: '-38497.50', outcome: 'underrun', carryForward: '14248.75', returnedToMunicipalBudget: '24248.75' },
    });
    // Groß Klein spent far less: the cap of 10 % of B binds the carry-forward.
    const gk = await expectStatus(controller.get('/steering/HRO-GK/2025/settlement'), 200);
    expect(gk.body.recorded).toMatchObject({
      applied: true,
      figures: { budget: '220000.00', actual: '98130.00', outcome: 'underrun', carryForwardCap: '22000.00', carryForward: '22000.00' },
    });

    const tw2026 = await expectStatus(controller.get('/budgets/HRO-TW/2026'), 200);
    expect(figures(tw2026.body).map((f: any) => f.slice(0, 2))).toEqual([
      ['FS', '130000.00'],
      ['FUE', '30000.00'],
      ['FU', '54248.75'],
    ]);
  });

  it('has 2026 in progress up to today: real figures, a threshold crossing, every ended month closed, nothing dated after today', async () => {
    const controller = as(t, 'controller');
    const budgets = await expectStatus(controller.get('/budgets?fiscalYear=2026'), 200);
    expect(budgets.body.items.map((b: any) => [b.sozialraumId, b.status, b.total])).toEqual([
      ['HRO-GK', 'open', '242000.00'],
      ['HRO-TW', 'open', '214248.75'],
    ]);
    const utilisation = await expectStatus(controller.get('/steering/HRO-TW/2026/utilisation'), 200);
    // T2 rolled over (365 days × 195.00), the new § 34 (306 days), § 35a (4 × 60 h + 45 h), the
    // Tagesgruppe June–September, SPFH and § 35a to December, subsidies and the Stadtteilfest.
    expect(utilisation.body).toMatchObject({ budget: '214248.75', forecast: '213807.50', forecastPctOfBudget: '99.79' });
    expect(utilisation.body.actual).not.toBe('0.00');
    expect(utilisation.body.monthlyActual.slice(0, 10).every((m: any) => m.total !== '0.00')).toBe(true);

    const steering = await expectStatus(controller.get('/steering/HRO-TW/2026'), 200);
    expect(steering.body.crossings).toEqual({ warning: expect.objectContaining({ businessDate: '2026-05-12' }) });
    const notifications = await expectStatus(controller.get('/notifications'), 200);
    expect(notifications.body.items.map((n: any) => n.type)).toContain('BudgetWarningRaised');

    const closes = await expectStatus(controller.get('/steering/HRO-TW/2026/month-closes'), 200);
    expect(closes.body.items.map((c: any) => c.month)).toEqual(Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    const timeline = await expectStatus(controller.get('/steering/HRO-TW/2026/forecast-timeline'), 200);
    expect(timeline.body.entries.length).toBeGreaterThan(5);
    const list = await expectStatus(controller.get('/steering/HRO-TW/2026/monitoring-list'), 200);
    expect(list.body.total.ist).not.toBe('0.00');
    const trE = await expectStatus(as(t, 'provider', 'TR-E').get('/provider-figures/TR-E/2026'), 200);
    expect(trE.body.lines.some((l: any) => l.actual !== '0.00')).toBe(true);

    expect(await datedAfter(t, today, beforeSeed)).toEqual([]);
  });

  it('answers asOf along the business dates of the history, knownAt along the time the seed recorded it', async () => {
    const controller = as(t, 'controller');
    const august = await expectStatus(controller.get('/steering/HRO-TW/2025/utilisation?asOf=2025-08-20'), 200);
    expect(august.body).toMatchObject({ forecast: '168852.50', forecastPctOfBudget: '84.43', actual: '101017.50' });
    const june = await expectStatus(controller.get('/steering/HRO-TW/2026/utilisation?asOf=2026-06-30'), 200);
    expect(june.body).toMatchObject({ forecast: '219617.50', forecastPctOfBudget: '102.51' });
    // The May close froze what was recorded when May was closed: above B since the Tagesgruppe of 12.05.
    const may = await expectStatus(controller.get('/steering/HRO-TW/2026/month-closes/2026-05'), 200);
    expect(may.body).toMatchObject({ forecast: '215967.50', pctOfBudget: '100.80' });
    const knownAtMayClose = await expectStatus(controller.get(`/steering/HRO-TW/2026/utilisation?knownAtPosition=${may.body.logPosition}`), 200);
    expect(knownAtMayClose.body).toMatchObject({ forecast: '215967.50' });

    // Everything was recorded while the seed ran: known before it, the book is empty; known after it, complete.
    const before = new Date(seeded.startedAt.getTime() - 1).toISOString();
    expect((await expectStatus(controller.get(`/steering/HRO-TW/2026/utilisation?knownAt=${before}`), 200)).body).toMatchObject({
      forecast: '0.00',
      actual: '0.00',
    });
    const after = await expectStatus(controller.get(`/steering/HRO-TW/2026/utilisation?knownAt=${seeded.finishedAt.toISOString()}`), 200);
    expect(after.body).toMatchObject({ forecast: '213807.50' });
  });

  it('a second run changes nothing', async () => {
    await t.settle();
    const events = await t.eventCount();
    expect(await t.app.get(DemoSeed).seed(today)).toBe(false);
    expect(await t.eventCount()).toBe(events);
  }, 120_000);

  it('a run in a later year leaves a tenant seeded in an earlier one alone', async () => {
    const events = await t.eventCount();
    expect(await t.app.get(DemoSeed).run('2027-03-15')).toMatchObject({ written: 0, previousYear: 2026 });
    expect(await t.eventCount()).toBe(events);
  });
});

describe('demo tenant seeded on 2027-03-15: 2026 closed and settled, 2027 in progress', () => {
  let t: TestApp;
  const today = '2027-03-15';

  beforeAll(async () => {
    t = await createTestApp();
    expect(await t.app.get(DemoSeed).seed(today)).toBe(true);
    await t.settle();
  }, 600_000);
  afterAll(async () => t?.close());

  it('closed and settled the worked year as 2026', async () => {
    const controller = as(t, 'controller');
    const budgets = await expectStatus(controller.get('/budgets?fiscalYear=2026'), 200);
    expect(budgets.body.items.map((b: any) => b.status)).toEqual(['closed', 'closed']);
    const settlement = await expectStatus(controller.get('/steering/HRO-TW/2026/settlement'), 200);
    expect(settlement.body.recorded).toMatchObject({ calculatedOn: '2027-01-21', applied: true, figures: { actual: '161502.50', carryForward: '14248.75' } });
    expect(settlement.body.recorded.confirmations).toHaveLength(2);
  });

  it('has 2027 up to 15.03.: January and February closed, figures not zero, nothing dated after today', async () => {
    const controller = as(t, 'controller');
    const closes = await expectStatus(controller.get('/steering/HRO-TW/2027/month-closes'), 200);
    expect(closes.body.items.map((c: any) => [c.month, c.monthEnd])).toEqual([
      ['2027-01', '2027-01-31'],
      ['2027-02', '2027-02-28'],
    ]);
    const utilisation = await expectStatus(controller.get('/steering/HRO-TW/2027/utilisation'), 200);
    expect(utilisation.body.budget).toBe('214248.75');
    expect(utilisation.body.actual).not.toBe('0.00');
    expect(utilisation.body.forecast).not.toBe('0.00');
    expect(await datedAfter(t, today, '0')).toEqual([]);
  });

  it('a second run changes nothing', async () => {
    const events = await t.eventCount();
    expect(await t.app.get(DemoSeed).seed(today)).toBe(false);
    expect(await t.eventCount()).toBe(events);
  }, 120_000);
});
