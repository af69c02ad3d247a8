import { monthsBetween } from '../../../libs/calendar';
import { ProjectionRunner } from '../../../libs/event-store/nest/projection-runner';
import { Decimal } from '../../../libs/money';
import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { driveToitenwinkelYear } from './toitenwinkel-year-setup';

/**
 * The acceptance test of docs/example-toitenwinkel-2025.md: the whole year driven through the public
 * API in business-date order (approvals, invoices, subsidies, the Stadtteilfest, the reallocation,
 * the termination, month closes), then year close, settlement and carry-forward into 2026, and
 * the figures of every table of the example, as of past dates and as known at past moments.
 */
describe('Toitenwinkel 2025: the whole year', () => {
  let t: TestApp;
  const controller = () => as(t, 'controller');
  const caseworker = () => as(t, 'caseworker');
  const trE = () => as(t, 'provider', 'TR-E');
  const months = monthsBetween('2025-01', '2025-12');
  const approvals: Record<string, string> = {};
  let knownBeforeTermination = '';
  let knownOnFirstOfMay = '';

  beforeAll(async () => {
    t = await createTestApp();
    const year = await driveToitenwinkelYear(t, (at) => {
      // What the controller saw on 01.05.: everything of business dates up to 30.04. recorded, nothing later.
      at('2025-05-01', async () => {
        await t.settle();
        await new Promise((resolve) => setTimeout(resolve, 20));
        knownOnFirstOfMay = new Date().toISOString();
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
      at('2025-09-14', async () => {
        await t.settle();
        await new Promise((resolve) => setTimeout(resolve, 20));
        knownBeforeTermination = new Date().toISOString();
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
    });
    Object.assign(approvals, year.approvals);
  }, 300_000);
  afterAll(async () => t?.close());

  it('shows the monthly actuals of the example, 161,502.50 in all', async () => {
    const res = await expectStatus(controller().get('/steering/HRO-TW/2025/utilisation'), 200);
    const expected = [
      ['1300.00', '0.00', '2500.00'],
      ['3610.00', '6000.00', '2500.00'],
      ['9077.50', '0.00', '2500.00'],
      ['9460.00', '0.00', '2500.00'],
      ['12105.00', '6000.00', '2500.00'],
      ['11910.00', '0.00', '5300.00'],
      ['12755.00', '0.00', '2500.00'],
      ['10445.00', '6000.00', '2500.00'],
      ['10250.00', '0.00', '2500.00'],
      ['7995.00', '0.00', '2500.00'],
      ['7800.00', '6000.00', '2500.00'],
      ['7995.00', '0.00', '2500.00'],
    ];
    expect(res.body.monthlyActual.map((m: any) => [m.FS, m.FUE, m.FU])).toEqual(expected);
    expect(res.body).toMatchObject({ budget: '200000.00', actual: '161502.50', forecast: '161502.50' });
    const cat = (c: string) => res.body.categories.find((x: any) => x.category === c);
    expect([cat('FS').planned, cat('FS').actual, cat('FUE').planned, cat('FUE').actual, cat('FU').planned, cat('FU').actual]).toEqual([
      '130000.00',
      '104702.50',
      '25000.00',
      '24000.00',
      '45000.00',
      '32800.00',
    ]);
  });

  it('explains the forecast line by business date exactly as the example does', async () => {
    const res = await expectStatus(controller().get('/steering/HRO-TW/2025/forecast-timeline'), 200);
    // Budget changes (allocation, reallocation) appear on the line too; the example lists forecast changes.
    const rows = res.body.entries.filter((e: any) => e.delta !== '0.00').map((e: any) => [e.businessDate, e.delta, e.forecast, e.pctOfBudget]);
    expect(rows).toEqual([
      ['2025-01-01', '15600.00', '15600.00', '7.80'],
      ['2025-01-15', '24000.00', '39600.00', '19.80'],
      ['2025-01-15', '30000.00', '69600.00', '34.80'],
      ['2025-01-20', '13860.00', '83460.00', '41.73'],
      ['2025-02-20', '59670.00', '143130.00', '71.56'],
      ['2025-04-08', '-577.50', '142552.50', '71.28'],
      ['2025-04-10', '19600.00', '162152.50', '81.08'],
      ['2025-05-02', '2800.00', '164952.50', '82.48'],
      ['2025-06-05', '3900.00', '168852.50', '84.43'],
      ['2025-09-15', '-7350.00', '161502.50', '80.75'],
    ]);
  });

  it('raises no upward threshold and detects the under-run once, on 30.09.', async () => {
    const res = await expectStatus(controller().get('/steering/HRO-TW/2025'), 200);
    expect(res.body.crossings).toEqual({});
    expect(res.body.underrunDetectedOn).toBe('2025-09-30');
    const notifications = await expectStatus(controller().get('/notifications'), 200);
    expect(notifications.body.items.filter((n: any) => n.type === 'UnderrunDetected')).toHaveLength(1);
  });

  it.each([
    ['2025-01-01', '15600.00', '7.80'],
    ['2025-01-20', '83460.00', '41.73'],
    ['2025-04-08', '142552.50', '71.28'],
    ['2025-05-02', '164952.50', '82.48'],
    ['2025-09-15', '161502.50', '80.75'],
  ])('answers the forecast as of %s from the event log: %s (%s %% of B)', async (date, forecast, pct) => {
    const res = await expectStatus(controller().get(`/steering/HRO-TW/2025/utilisation?asOf=${date}`), 200);
    expect(res.body).toMatchObject({ forecast, forecastPctOfBudget: pct, view: { asOf: date } });
  });

  it('answers as of a past business date and as known at a past moment', async () => {
    const asOf = await expectStatus(controller().get('/steering/HRO-TW/2025/utilisation?asOf=2025-09-14'), 200);
    expect(asOf.body).toMatchObject({ forecast: '168852.50', forecastPctOfBudget: '84.43', actual: '111462.50' });
    // The Haushaltsüberwachungsliste as of the same day, from the log as well: FS paid through the
    // August invoices (verified 05.09.), FÜ three instalments, FU eight Jugendtreff instalments
    // and the Stadtteilfest; T4 still bound to December (terminated the next day).
    const list = await expectStatus(controller().get('/steering/HRO-TW/2025/monitoring-list?asOf=2025-09-14'), 200);
    expect(list.body.rows.map((r: any) => [r.category, r.ansatz, r.bindungen, r.anordnungen, r.ist, r.rest])).toEqual([
      ['FS', '130000.00', '41390.00', '70662.50', '70662.50', '17947.50'],
      ['FUE', '25000.00', '6000.00', '18000.00', '18000.00', '1000.00'],
      ['FU', '45000.00', '10000.00', '22800.00', '22800.00', '12200.00'],
    ]);
    expect(list.body.total).toEqual({ ansatz: '200000.00', bindungen: '57390.00', anordnungen: '111462.50', ist: '111462.50', rest: '31147.50' });
    expect(list.body.view).toEqual({ asOf: '2025-09-14', knownAt: null, knownAtPosition: null });

    const known = await expectStatus(controller().get(`/steering/HRO-TW/2025/utilisation?knownAt=${encodeURIComponent(knownBeforeTermination)}`), 200);
    expect(known.body).toMatchObject({ forecast: '168852.50', forecastPctOfBudget: '84.43' });
    // What the controller saw on 14.09. did not yet include the September invoices of early October.
    expect(known.body.actual).toBe('111462.50');
    // On 01.05. it saw T4 approved but not the Stadtteilfest, and the March invoices as the last paid ones.
    const may = await expectStatus(controller().get(`/steering/HRO-TW/2025/utilisation?knownAt=${encodeURIComponent(knownOnFirstOfMay)}`), 200);
    expect(may.body).toMatchObject({ forecast: '162152.50', forecastPctOfBudget: '81.08', actual: '29987.50', view: { knownAt: knownOnFirstOfMay } });
    expect(may.body.monthlyActual.slice(0, 4).map((m: any) => m.total)).toEqual(['3800.00', '12110.00', '11577.50', '2500.00']);
    // Nothing was recorded later with a business date up to 30.04.: as of that day today the figures are the same.
    expect((await expectStatus(controller().get('/steering/HRO-TW/2025/utilisation?asOf=2025-04-30'), 200)).body).toMatchObject({
      forecast: '162152.50',
      actual: '29987.50',
    });
  });

  it('answers as known at a log position: the April close froze what was recorded on 09.05.', async () => {
    const closes = await expectStatus(controller().get('/steering/HRO-TW/2025/month-closes'), 200);
    expect(closes.body.items.map((c: any) => c.month)).toEqual(months);
    const april = closes.body.items.find((c: any) => c.month === '2025-04');
    expect(april).toMatchObject({ monthEnd: '2025-04-30', forecast: '162152.50', budget: '200000.00', pctOfBudget: '81.08' });
    const september = closes.body.items.find((c: any) => c.month === '2025-09');
    expect(september).toMatchObject({ forecast: '161502.50', pctOfBudget: '80.75' });

    // Known at that position: the Stadtteilfest (02.05.) and the April invoices (05.05.) are in, the May instalments of 15.05. not.
    const known = await expectStatus(controller().get(`/steering/HRO-TW/2025/utilisation?knownAtPosition=${april.logPosition}`), 200);
    expect(known.body).toMatchObject({ forecast: '164952.50', forecastPctOfBudget: '82.48', actual: '45447.50', view: { knownAtPosition: april.logPosition } });
    const frozen = await expectStatus(controller().get('/steering/HRO-TW/2025/month-closes/2025-04'), 200);
    const replayed = await expectStatus(controller().get(`/steering/HRO-TW/2025/monitoring-list?asOf=2025-04-30&knownAtPosition=${april.logPosition}`), 200);
    const { view: _view, source: _source, ...list } = replayed.body;
    expect(frozen.body.monitoringList).toEqual(list);
    expect(list.total).toEqual({ ansatz: '200000.00', bindungen: '132165.00', anordnungen: '29987.50', ist: '29987.50', rest: '37847.50' });
  });

  it('answers the forecast timeline as of a date and as known at a moment, with the cause of each change', async () => {
    const rows = (body: any) => body.entries.filter((e: any) => e.delta !== '0.00').map((e: any) => [e.businessDate, e.delta, e.forecast]);
    const asOf = await expectStatus(controller().get('/steering/HRO-TW/2025/forecast-timeline?asOf=2025-04-30'), 200);
    expect(rows(asOf.body).map((r: any) => r[0])).toEqual(['2025-01-01', '2025-01-15', '2025-01-15', '2025-01-20', '2025-02-20', '2025-04-08', '2025-04-10']);
    expect(rows(asOf.body).at(-1)).toEqual(['2025-04-10', '19600.00', '162152.50']);
    const known = await expectStatus(controller().get(`/steering/HRO-TW/2025/forecast-timeline?knownAt=${encodeURIComponent(knownBeforeTermination)}`), 200);
    expect(rows(known.body).map((r: any) => r[0])).toEqual([
      '2025-01-01',
      '2025-01-15',
      '2025-01-15',
      '2025-01-20',
      '2025-02-20',
      '2025-04-08',
      '2025-04-10',
      '2025-05-02',
      '2025-06-05',
    ]);
    expect(rows(known.body).at(-1)).toEqual(['2025-06-05', '3900.00', '168852.50']);

    const all = await expectStatus(controller().get('/steering/HRO-TW/2025/forecast-timeline'), 200);
    const entry = (date: string, delta: string) => all.body.entries.find((e: any) => e.businessDate === date && e.delta === delta);
    expect(entry('2025-01-01', '15600.00').cause).toMatchObject({ kind: 'approval', id: approvals['TW-25-001'], caseRef: 'TW-25-001' });
    expect(entry('2025-01-15', '24000.00').cause).toMatchObject({ kind: 'subsidy', id: 'ZUW-2025-1', label: 'Elternkurse', reason: 'subsidy' });
    expect(entry('2025-01-15', '30000.00').cause).toMatchObject({ kind: 'subsidy', id: 'ZUW-2025-2', label: 'Jugendtreff Toitenwinkel' });
    expect(entry('2025-04-08', '-577.50').cause).toMatchObject({ kind: 'approval', caseRef: 'TW-25-003', reason: 'invoice-lower' });
    expect(entry('2025-05-02', '2800.00').cause).toMatchObject({ kind: 'flexible-item', id: 'AKT-2025-1' });
    expect(entry('2025-09-15', '-7350.00').cause).toMatchObject({ kind: 'approval', caseRef: 'TW-25-004', reason: 'termination' });
    // The reallocation changes the categories, not B: an entry of the budget stream with no forecast change.
    expect(all.body.entries.find((e: any) => e.businessDate === '2025-06-01')).toMatchObject({ delta: '0.00', budget: '200000.00', cause: { kind: 'budget' } });
  });

  it('reports out-of-budget money and revenue beside the budget: 3,080.00 Inobhutnahme, 31,280.00 Hochkostenfall, Kostenbeitrag 1,800.00', async () => {
    const res = await expectStatus(controller().get('/steering/HRO-TW/2025/utilisation'), 200);
    const outside = Object.fromEntries(res.body.outOfBudget.map((o: any) => [o.reason, [o.forecast, o.actual]]));
    expect(outside).toEqual({ 'excluded-legal-basis': ['3080.00', '3080.00'], 'high-cost': ['31280.00', '31280.00'] });
    expect(res.body.revenue).toEqual([{ kind: 'kostenbeitrag', amount: '1800.00' }]);
    // Bruttoprinzip: T2's 59,670.00 stays in full in the FS actual, and none of it is in B's figures.
    expect(res.body).toMatchObject({ actual: '161502.50', forecast: '161502.50' });
    const tw2 = res.body.providers.find((p: any) => p.providerId === 'TR-F' && p.category === 'FS');
    expect(tw2.actual).toBe('59670.00');
  });

  it('exports utilisation and Haushaltsüberwachungsliste as CSV for Excel: BOM, German headers, decimal comma', async () => {
    const token = await t.token({ role: 'controller' });
    const csv = await t
      .http()
      .get('/steering/HRO-TW/2025/monitoring-list/csv?decimalComma=true')
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv; charset=utf-8/i);
    const bytes: Buffer = csv.body;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('Sozialraum;Haushaltsjahr;Kategorie;Ansatz;Bindungen;Anordnungen;Ist;Rest');
    // Every category row carries its Anordnungen (payment orders), equal to its Ist.
    expect(lines.slice(1).map((l) => l.split(';').slice(3))).toEqual([
      ['130000,00', '0,00', '104702,50', '104702,50', '25297,50'],
      ['25000,00', '0,00', '24000,00', '24000,00', '1000,00'],
      ['45000,00', '0,00', '32800,00', '32800,00', '12200,00'],
      ['200000,00', '0,00', '161502,50', '161502,50', '38497,50'],
    ]);
    const plain = await t.http().get('/steering/HRO-TW/2025/utilisation/csv?decimalComma=false').set('authorization', `Bearer ${token}`);
    expect(plain.text).toContain('Hochrechnung');
    expect(plain.text).toContain('1300.00');
  });

  it('shows TR-E its own figures only: 89,582.50', async () => {
    const res = await expectStatus(trE().get('/provider-figures/TR-E/2025'), 200);
    expect(JSON.stringify(res.body)).toContain('89582.50');
    // Per Leistungsmonat: in March T1 (1,300.00) and T3's 45 hours (1,732.50) in FS; in June the
    // Jugendtreff instalment (2,500.00) and the Stadtteilfest (2,800.00) in FU.
    const line = (category: string) => res.body.lines.find((l: any) => l.sozialraumId === 'HRO-TW' && l.inBudget && l.category === category);
    expect(line('FS').months.find((m: any) => m.month === '2025-03')).toMatchObject({ actual: '3032.50' });
    expect(line('FU').months.find((m: any) => m.month === '2025-06')).toMatchObject({ actual: '5300.00' });
    await expectStatus(trE().get('/provider-figures/TR-F/2025'), 404);
  });

  it('closes the year, rolls T2 into 2026 and settles: carry-forward 14,248.75 into the 2026 FU budget', async () => {
    await expectStatus(controller().post('/budgets/HRO-TW/2026/opening', { reason: 'Haushalt 2026 rechtskräftig', businessDate: '2026-01-01' }), 200);
    await expectStatus(controller().post('/steering/HRO-TW/2025/year-close', { reason: 'Jahresabschluss 2025', businessDate: '2026-01-20' }), 200);
    const t2 = await expectStatus(controller().get('/cases/TW-25-002'), 200);
    const y2026 = [...t2.body.approvals[0].years, ...t2.body.approvals[0].vorbelastungen].find((y: any) => y.fiscalYear === 2026);
    expect(y2026.committed).toBe('71175.00');

    const calculated = await expectStatus(controller().post('/steering/HRO-TW/2025/settlement', { businessDate: '2026-01-21' }), 201);
    expect(calculated.body.settlement.figures).toMatchObject({
      budget: '200000.00',
      actual: '161502.50',
      deviation: '-38497.50',
      corridor: '10000.00',
      outcome: 'underrun',
      savings: '28497.50',
      carryForwardCap: '20000.00',
      carryForward: '14248.75',
      returnedToMunicipalBudget: '24248.75',
      providerShare: '0.00',
    });
    // Category deviations of the example's year-end table.
    const year = await expectStatus(controller().get('/steering/HRO-TW/2025/utilisation'), 200);
    const deviation = (c: string) => {
      const x = year.body.categories.find((y: any) => y.category === c);
      return new Decimal(x.actual).minus(x.planned).toFixed(2);
    };
    expect([deviation('FS'), deviation('FUE'), deviation('FU')]).toEqual(['-25297.50', '-1000.00', '-12200.00']);
    const figures = JSON.stringify(calculated.body);
    for (const figure of ['-38497.50', '10000.00', '28497.50', '14248.75', '20000.00', '24248.75']) expect(figures).toContain(figure);
    const first = await expectStatus(controller().post('/steering/HRO-TW/2025/settlement/confirmations', { businessDate: '2026-01-22' }), 200);
    expect(first.body.settlement).toMatchObject({ applied: false, confirmations: [{ party: 'jugendamt', organisationId: 'HRO-JA', on: '2026-01-22' }] });
    const events = await t.eventCount();
    const twice = await controller().post('/steering/HRO-TW/2025/settlement/confirmations', { businessDate: '2026-01-22' });
    expect(twice.body.type).toBe('/problems/already-confirmed');
    expect(await t.eventCount()).toBe(events);
    // The lead provider's confirmation completes it; with the 2026 budget in place it is applied at once.
    await expectStatus(trE().post('/steering/HRO-TW/2025/settlement/confirmations', { businessDate: '2026-01-23' }), 200);
    const budget2026 = await expectStatus(controller().get('/budgets/HRO-TW/2026'), 200);
    expect(JSON.stringify(budget2026.body)).toContain('54248.75');

    // 2025 is closed: revenue of a 2025 month is refused, and so is any decision back-dated into
    // 2025, even one that books only 2026; dated in 2026 the extension books 2026.
    const closed = await as(t, 'wiju').post('/cases/TW-25-002/kostenerstattungen', {
      approvalId: approvals['TW-25-002'],
      debtorAuthority: 'LRO-JA',
      serviceMonth: '2025-10',
      amount: '100.00',
      reference: 'KE-1',
      businessDate: '2026-01-26',
    });
    expect(closed.status).toBe(422);
    expect(closed.body.type).toBe('/problems/fiscal-year-closed');
    const extension = { newEnd: '2026-03-31', reason: 'Fortsetzung laut Hilfeplan' };
    const backDated = await caseworker().post(`/cases/TW-25-001/approvals/${approvals['TW-25-001']}/extension`, { ...extension, businessDate: '2025-12-20' });
    expect(backDated.status).toBe(422);
    expect(backDated.body).toMatchObject({ type: '/problems/fiscal-year-closed', fiscalYear: 2025 });
    const extended = await expectStatus(
      caseworker().post(`/cases/TW-25-001/approvals/${approvals['TW-25-001']}/extension`, { ...extension, businessDate: '2026-01-27' }),
      200,
    );
    expect(extended.body.approvals[0].years.find((y: any) => y.fiscalYear === 2026)).toMatchObject({ committed: '3900.00' });
  });

  it('answers the settlement as of a date and as known at a moment: recorded only from its calculation on, previewed from the figures seen then', async () => {
    const now = await expectStatus(controller().get('/steering/HRO-TW/2025/settlement'), 200);
    expect(now.body.recorded).toMatchObject({ calculatedOn: '2026-01-21', applied: true, figures: { carryForward: '14248.75' } });
    expect(now.body.preview).toMatchObject({ actual: '161502.50', carryForward: '14248.75' });
    // Known on 14.09.: no settlement yet; the preview from 111,462.50 actual is capped at 10 % of B.
    const known = await expectStatus(controller().get(`/steering/HRO-TW/2025/settlement?knownAt=${encodeURIComponent(knownBeforeTermination)}`), 200);
    expect(known.body.recorded).toBeNull();
    expect(known.body.preview).toMatchObject({
      actual: '111462.50',
      deviation: '-88537.50',
      outcome: 'underrun',
      savings: '78537.50',
      carryForwardCap: '20000.00',
      carryForward: '20000.00',
    });
    // As of 31.12.: the December invoices verified on 05.01. are not in; the settlement of 21.01. not either.
    const yearEnd = await expectStatus(controller().get('/steering/HRO-TW/2025/settlement?asOf=2025-12-31'), 200);
    expect(yearEnd.body.recorded).toBeNull();
    expect(yearEnd.body.preview).toMatchObject({ actual: '153507.50', deviation: '-46492.50', savings: '36492.50', carryForward: '18246.25' });
  });

  it('rebuilds every projection from the event log to identical rows', async () => {
    await t.settle();
    const runner = t.app.get(ProjectionRunner);
    const tables = [
      'ledger_entries',
      'utilisation_cells',
      'utilisation_planned',
      'utilisation_revenue',
      'steering_notifications',
      'steering_watch_changes',
      'steering_watch_pending',
      'forecast_timeline_changes',
      'utilisation_orders',
      'budget_summaries',
      'case_approvals',
      'case_invoices',
      'flexible_subsidies',
      'flexible_activities',
      'md_sozialraeume',
      'md_providers',
    ];
    const dump = async () => {
      const out: Record<string, unknown[]> = {};
      for (const table of tables)
        out[table] = (await t.db.query(`select * from ${table}`)).rows.map((r) => JSON.stringify(r, (_k, v) => (v instanceof Date ? 'date' : v))).sort();
      return out;
    };
    // Today's Haushaltsüberwachungsliste comes from the read model and equals the replay of the whole log.
    const head = (await t.db.query('select max(global_position)::text as p from es_events')).rows[0].p;
    const fromModel = await expectStatus(controller().get('/steering/HRO-TW/2025/monitoring-list'), 200);
    const fromLog = await expectStatus(controller().get(`/steering/HRO-TW/2025/monitoring-list?knownAtPosition=${head}`), 200);
    expect(fromModel.body.source).toBe('read-model');
    expect(fromLog.body.source).toBe('event-log');
    expect(fromModel.body.rows).toEqual(fromLog.body.rows);
    expect(fromModel.body.total).toEqual(fromLog.body.total);
    expect(fromModel.body.rows.find((r: any) => r.category === 'FS').anordnungen).not.toBe('0.00');

    const before = await dump();
    expect(before.ledger_entries.length).toBeGreaterThan(100);
    expect(before.forecast_timeline_changes.length).toBeGreaterThan(5);
    const events = await t.eventCount();
    for (const name of runner.names().filter((n) => n !== 'audit-chain')) await runner.rebuild(name);
    await t.settle();
    expect(await dump()).toEqual(before);
    // The threshold process manager replayed the year without raising anything twice.
    expect(await t.eventCount()).toBe(events);
  });
});
