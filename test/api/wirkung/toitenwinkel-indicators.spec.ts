import { Workbook } from 'exceljs';
import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { driveToitenwinkelYear } from '../steering/toitenwinkel-year-setup';

/**
 * The acceptance test of indicators-toitenwinkel-2025.md on top of the Toitenwinkel year: the
 * statistics office's facts, the target agreement (and the refused second proposal), every
 * measured value, the evaluation with score 87.83 % and bonus 3,073.94, its application with the
 * settlement (2026 FU grown by 17,322.69, 21,174.81 returned) and the Jugendhilfeausschuss report
 * with its suppressed cell.
 */
describe('Toitenwinkel 2025: target agreement and evaluation (R12)', () => {
  let t: TestApp;
  const base = '/wirkung/HRO-TW/2025';
  const controller = () => as(t, 'controller');
  const trE = () => as(t, 'provider', 'TR-E');
  const agreement = {
    indicators: [
      { indicatorKey: 'planmaessig-beendet', baseline: '60.00', target: '70.00', weight: '40' },
      { indicatorKey: 'ambulant-anteil', baseline: '50.00', target: '65.00', weight: '30' },
      { indicatorKey: 'teilnehmende-fu', baseline: '1200', target: '2000', weight: '30' },
    ],
    bonus: { poolPercentOfFlexibleBudget: '5', minimumScorePct: '50' },
    reason: 'Zielvereinbarung 2025 nach Steuerungsrunde',
  };
  let refusedSecond: any;
  let eventsAroundRefusal: [number, number] = [0, 0];
  let knownBeforeQ2 = '';

  beforeAll(async () => {
    t = await createTestApp();
    await driveToitenwinkelYear(t, (at) => {
      at('2025-01-01', () =>
        expectStatus(
          as(t, 'admin').post('/statistics/imports', {
            csv: 'Sozialraum;Stichtag;Einwohner;Einwohner unter 21;SGB-II-Quote\r\nHRO-TW;01.01.2025;14.200;2.600;12,4\r\n',
            businessDate: '2025-01-01',
          }),
          201,
        ),
      );
      at('2025-01-02', () =>
        expectStatus(
          controller().post('/indicators', {
            key: 'teilnehmende-fu',
            name: 'Teilnehmende an fallunspezifischen Angeboten',
            definition: 'Teilnahmen an fallunspezifischen Angeboten des Trägerverbunds, gemeldet je Quartal vom federführenden Träger.',
            unit: 'count',
            direction: 'higher-is-better',
            aggregation: 'sum',
            reportedBy: ['provider'],
            incentivisable: true,
            effectiveFrom: '2025-01-01',
            businessDate: '2025-01-02',
          }),
          201,
        ),
      );
      at('2025-01-08', () => expectStatus(controller().post(`${base}/target-agreements`, { ...agreement, businessDate: '2025-01-08' }), 201));
      at('2025-01-08', async () => {
        const before = await t.eventCount();
        const second = {
          ...agreement,
          indicators: [...agreement.indicators, { indicatorKey: 'hze-dichte', baseline: '1.30', target: '1.00', weight: '10' }],
          businessDate: '2025-01-08',
        };
        refusedSecond = (await controller().post(`${base}/target-agreements`, second)).body;
        eventsAroundRefusal = [before, await t.eventCount()];
      });
      at('2025-01-10', () =>
        expectStatus(trE().post(`${base}/target-agreements/ZV-HRO-TW-2025-1/agreement`, { reason: 'einverstanden', businessDate: '2025-01-10' }), 200),
      );
      const quarters: Array<[string, string, string]> = [
        ['2025-Q1', '410', '2025-04-04'],
        ['2025-Q2', '520', '2025-07-04'],
        ['2025-Q3', '480', '2025-10-04'],
        ['2025-Q4', '450', '2026-01-06'],
      ];
      for (const [period, value, date] of quarters)
        at(date, () =>
          expectStatus(
            trE().post(`${base}/reports`, {
              indicatorKey: 'teilnehmende-fu',
              period,
              value,
              note: 'Jugendtreff, Elternkurse, Stadtteilfest',
              businessDate: date,
            }),
            201,
          ),
        );
      at('2025-07-03', async () => {
        await t.settle();
        await new Promise((resolve) => setTimeout(resolve, 20));
        knownBeforeQ2 = new Date().toISOString();
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
    });
  }, 300_000);
  afterAll(async () => t?.close());

  it('holds the agreement of 10.01. and refused the second proposal that weighted hze-dichte (R8), writing nothing', async () => {
    const res = await expectStatus(controller().get(`${base}/target-agreements`), 200);
    expect(res.body.inForce).toMatchObject({
      agreementId: 'ZV-HRO-TW-2025-1',
      status: 'agreed',
      proposedBy: 'jugendamt',
      proposedOn: '2025-01-08',
      answer: { by: 'lead-provider', organisationId: 'TR-E', on: '2025-01-10' },
    });
    expect(res.body.versions).toHaveLength(1);
    // As it stood on 09.01.: proposed, not yet in force.
    const before = await expectStatus(controller().get(`${base}/target-agreements?asOf=2025-01-09`), 200);
    expect(before.body).toMatchObject({ inForce: null, versions: [{ status: 'proposed' }], version: res.body.version, view: { asOf: '2025-01-09' } });
    expect(refusedSecond).toMatchObject({ type: '/problems/indicator-not-incentivisable', status: 422, indicatorKey: 'hze-dichte' });
    expect(refusedSecond.detail).toContain('R8');
    expect(eventsAroundRefusal[1]).toBe(eventsAroundRefusal[0]);
  });

  it('measures every indicator of the example', async () => {
    const res = await expectStatus(controller().get(base), 200);
    const value = (key: string) => res.body.indicators.find((i: any) => i.indicatorKey === key);
    expect(res.body).toMatchObject({ residentsUnder21: 2600, factsFrom: { source: 'statistics', validFrom: '2025-01-01' } });
    expect(value('planmaessig-beendet').year).toMatchObject({ value: '75.00', numerator: '3', denominator: '4', caseCount: 4 });
    expect(value('ambulant-anteil').year).toMatchObject({ value: '61.54', numerator: '24', denominator: '39', caseCount: 5 });
    expect(value('ambulant-anteil').year.exact).toBe('61.5384615385');
    expect(value('teilnehmende-fu').year).toMatchObject({ value: '1860.00' });
    expect(value('praeventionsanteil').year).toMatchObject({ value: '35.17', numerator: '56800', denominator: '161502.5' });
    expect(value('hze-dichte').year).toMatchObject({ value: '1.15', numerator: '3', denominator: '2600', caseCount: 3 });
    expect(value('kosten-je-jm').year).toMatchObject({ value: '40.27' });
    expect(value('dauer-beendeter-hilfen').year).toMatchObject({ value: '7.25', numerator: '29', denominator: '4' });
    expect(value('planmaessig-beendet').target).toEqual({ baseline: '60.00', target: '70.00', weight: '40', agreementId: 'ZV-HRO-TW-2025-1' });
    expect(value('hze-dichte').target).toBeNull();
    // Year to date per quarter: the reported participants add up.
    expect(value('teilnehmende-fu').quarters.map((q: any) => [q.quarter, q.measured.value])).toEqual([
      ['Q1', '410.00'],
      ['Q2', '930.00'],
      ['Q3', '1410.00'],
      ['Q4', '1860.00'],
    ]);
  });

  it('answers as of a past business date and as known at a past moment', async () => {
    const asOf = await expectStatus(controller().get(`${base}?asOf=2025-06-30`), 200);
    const tfu = asOf.body.indicators.find((i: any) => i.indicatorKey === 'teilnehmende-fu');
    expect(tfu.quarters.map((q: any) => q.quarter)).toEqual(['Q1', 'Q2']);
    // The Q2 report was recorded on 04.07., after the day asked for.
    expect(tfu.year.value).toBe('410.00');
    expect(asOf.body.period).toEqual({ from: '2025-01-01', to: '2025-06-30' });
    const known = await expectStatus(controller().get(`${base}?knownAt=${encodeURIComponent(knownBeforeQ2)}`), 200);
    expect(known.body.indicators.find((i: any) => i.indicatorKey === 'teilnehmende-fu').year.value).toBe('410.00');
    expect(known.body.view.knownAt).toBe(knownBeforeQ2);
  });

  it('compares one indicator across the Sozialräume of the tenant', async () => {
    const res = await expectStatus(controller().get('/indicators/ambulant-anteil/comparison/2025'), 200);
    expect(res.body.sozialraeume).toEqual([
      {
        sozialraumId: 'HRO-TW',
        year: expect.objectContaining({ value: '61.54' }),
        target: { baseline: '50.00', target: '65.00', weight: '30', agreementId: 'ZV-HRO-TW-2025-1' },
      },
    ]);
  });

  it('evaluates with the settlement and applies the bonus with it: 87.83 %, 3,073.94, 2026 FU +17,322.69, 21,174.81 returned', async () => {
    const preview = await expectStatus(controller().get(`${base}/evaluation`), 200);
    expect(preview.body.recorded).toBeNull();
    expect(preview.body.preview).toMatchObject({ scorePct: '87.83', bonus: '3073.94' });

    await expectStatus(controller().post('/budgets/HRO-TW/2026/opening', { reason: 'Haushalt 2026 rechtskräftig', businessDate: '2026-01-01' }), 200);
    await expectStatus(controller().post('/steering/HRO-TW/2025/year-close', { reason: 'Jahresabschluss 2025', businessDate: '2026-01-20' }), 200);
    const calculated = await expectStatus(controller().post('/steering/HRO-TW/2025/settlement', { businessDate: '2026-01-21' }), 201);
    expect(calculated.body.settlement.figures).toMatchObject({ carryForward: '14248.75', returnedToMunicipalBudget: '24248.75' });
    const evaluation = calculated.body.settlement.evaluation;
    expect(evaluation.indicators.map((i: any) => [i.indicatorKey, i.actualRounded, i.achievementPct, i.weighted])).toEqual([
      ['planmaessig-beendet', '75.00', '100.00', '40'],
      ['ambulant-anteil', '61.54', '76.92', '23.0769230769'],
      ['teilnehmende-fu', '1860.00', '82.50', '24.75'],
    ]);
    expect(evaluation.indicators[0].achievementRaw).toBe('1.5');
    expect(evaluation).toMatchObject({
      agreementId: 'ZV-HRO-TW-2025-1',
      weightTotal: '100',
      score: '0.8782692308',
      scorePct: '87.83',
      minimumScorePct: '50',
      pool: '3500.00',
      bonus: '3073.94',
      bonusFromReturn: '3073.94',
      bonusIncrease: '0.00',
      returnedToMunicipalBudget: '21174.81',
      nextYearFuChange: '17322.69',
    });

    await expectStatus(controller().post('/steering/HRO-TW/2025/settlement/confirmations', { businessDate: '2026-01-22' }), 200);
    await expectStatus(trE().post('/steering/HRO-TW/2025/settlement/confirmations', { businessDate: '2026-01-23' }), 200);
    const budget2026 = await expectStatus(controller().get('/budgets/HRO-TW/2026'), 200);
    expect(JSON.stringify(budget2026.body)).toContain('57322.69');
    const utilisation = await expectStatus(controller().get('/steering/HRO-TW/2026/utilisation'), 200);
    expect(utilisation.body.categories.find((c: any) => c.category === 'FU').planned).toBe('57322.69');
    const recorded = await expectStatus(trE().get(`${base}/evaluation`), 200);
    expect(recorded.body.recorded).toMatchObject({ applied: true, evaluation: { bonus: '3073.94' } });
    expect(recorded.body.recorded.confirmations.map((c: any) => c.party)).toEqual(['jugendamt', 'lead-provider']);
    // The settlement's file shows the evaluation beside its figures.
    const token = await t.token({ role: 'controller' });
    const csv = await t.http().get('/steering/HRO-TW/2025/settlement/csv').set('authorization', `Bearer ${token}`);
    expect(csv.text).toContain('HRO-TW;2025;Bewertung;Prämie;3073,94;;');
    expect(csv.text).toContain('HRO-TW;2025;Bewertung;Änderung des fallunspezifischen Budgets im Folgejahr;17322,69;;');
  });

  it('refuses a value for a period of the closed year, and changing the agreement, writing nothing', async () => {
    const events = await t.eventCount();
    const late = await trE().post(`${base}/reports`, {
      indicatorKey: 'teilnehmende-fu',
      period: '2025-12',
      value: '10',
      note: 'Nachtrag',
      businessDate: '2026-02-01',
    });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ type: '/problems/fiscal-year-closed', fiscalYear: 2025 });
    const change = await controller().post(`${base}/target-agreements`, { ...agreement, businessDate: '2026-02-01' });
    expect(change.body.type).toBe('/problems/fiscal-year-closed');
    expect(await t.eventCount()).toBe(events);
  });

  it('reports to the Jugendhilfeausschuss with small cells protected', async () => {
    const res = await expectStatus(controller().get(`${base}/report`), 200);
    const row = (key: string) => res.body.indicators.find((i: any) => i.indicatorKey === key);
    expect(row('planmaessig-beendet')).toMatchObject({ value: null, cases: '< 5', note: 'nicht ausgewiesen (< 5 Fälle)', baseline: '60.00', target: '70.00' });
    expect(row('ambulant-anteil')).toMatchObject({ value: '61.54', cases: '5', note: null });
    expect(row('hze-dichte')).toMatchObject({ value: null, cases: '< 5' });
    expect(row('praeventionsanteil')).toMatchObject({ value: '35.17', cases: null });
    expect(res.body.evaluation).toEqual({ scorePct: '87.83', bonus: '3073.94' });
    expect(res.body.budget).toMatchObject({ budget: '200000.00', actual: '161502.50' });

    const token = await t.token({ role: 'controller' });
    const csv = await t.http().get(`${base}/report/csv`).set('authorization', `Bearer ${token}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('Sozialraum;Haushaltsjahr;Abschnitt;Kennzahl;Einheit;Wert;Fälle;Ausgangswert;Zielwert;Hinweis');
    expect(lines).toContain('HRO-TW;2025;Indikator;Planmäßig beendete Hilfen;%;;< 5;60,00;70,00;nicht ausgewiesen (< 5 Fälle)');
    expect(lines).toContain('HRO-TW;2025;Indikator;Anteil ambulanter Hilfen;%;61,54;5;50,00;65,00;');
    expect(lines).toContain('HRO-TW;2025;Bewertung;Prämie;€;3073,94;;;;');

    const xlsx = await t
      .http()
      .get(`${base}/report/xlsx`)
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.body);
    const sheet = workbook.getWorksheet('Jugendhilfeausschuss')!;
    const rows = sheet
      .getSheetValues()
      .slice(2)
      .map((r: any) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual([
      'HRO-TW',
      2025,
      'Indikator',
      'Planmäßig beendete Hilfen',
      '%',
      undefined,
      '< 5',
      '60,00',
      '70,00',
      'nicht ausgewiesen (< 5 Fälle)',
    ]);
    expect(workbook.getWorksheet('Parameter')!.getCell('B2').value).toBe('Sozialraumbericht für den Jugendhilfeausschuss');
  });
});
