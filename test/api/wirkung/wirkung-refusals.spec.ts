import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { registerExampleMasterData } from '../cases/case-setup';

/** Bad input to R12's endpoints: a clear problem+json naming what is wrong, and nothing written. */
describe('Wirkung (R12): refusals', () => {
  let t: TestApp;
  const base = '/wirkung/HRO-TW/2025';
  const controller = () => as(t, 'controller');
  const header = 'Sozialraum;Stichtag;Einwohner;Einwohner unter 21';
  const agreement = {
    indicators: [{ indicatorKey: 'planmaessig-beendet', baseline: '60.00', target: '70.00', weight: '40' }],
    bonus: { poolAmount: '3500.00' },
    reason: 'Ziele 2025',
    businessDate: '2025-01-08',
  };

  beforeAll(async () => {
    t = await createTestApp();
    await registerExampleMasterData(t);
    await expectStatus(as(t, 'admin').post('/providers', { providerId: 'TR-X', name: 'Träger außerhalb', legalForm: 'e.V.' }), 201);
    await expectStatus(
      controller().post('/indicators', {
        key: 'teilnehmende-fu',
        name: 'Teilnehmende an fallunspezifischen Angeboten',
        definition: 'Teilnahmen je Quartal',
        unit: 'count',
        direction: 'higher-is-better',
        aggregation: 'sum',
        reportedBy: ['provider'],
        incentivisable: true,
        effectiveFrom: '2025-01-01',
      }),
      201,
    );
    await t.settle();
  });
  afterAll(async () => t?.close());

  async function unchanged<T>(run: () => Promise<T>): Promise<T> {
    await t.settle();
    const before = await t.eventCount();
    const result = await run();
    expect(await t.eventCount()).toBe(before);
    return result;
  }

  it('refuses a § 35a or § 41 approval without a setting, naming the field (400)', async () => {
    await expectStatus(as(t, 'caseworker').post('/cases', { caseRef: 'TW-25-901', sozialraumId: 'HRO-TW' }), 201);
    for (const legalBasis of ['35a', '41']) {
      const res = await unchanged(() =>
        as(t, 'caseworker').post('/cases/TW-25-901/approvals', {
          legalBasis,
          providerId: 'TR-E',
          start: '2025-02-01',
          end: '2025-07-31',
          bescheidDate: '2025-01-20',
          hoursPerMonth: '60',
        }),
      );
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('/problems/validation-failed');
      expect(res.body.errors.map((e: any) => e.field)).toContain('setting');
    }
    // Stated, it is granted and shown; a § 31 approval takes the default.
    const stated = await expectStatus(
      as(t, 'caseworker').post('/cases/TW-25-901/approvals', {
        legalBasis: '35a',
        setting: 'teilstationaer',
        providerId: 'TR-E',
        start: '2025-02-01',
        end: '2025-07-31',
        bescheidDate: '2025-01-20',
        hoursPerMonth: '60',
      }),
      201,
    );
    expect(stated.body.approvals[0].setting).toBe('teilstationaer');
  });

  it('refuses an unknown indicator, a weight that is not positive and a baseline equal to the target', async () => {
    const unknown = await unchanged(() =>
      controller().post(`${base}/target-agreements`, { ...agreement, indicators: [{ ...agreement.indicators[0], indicatorKey: 'gibt-es-nicht' }] }),
    );
    expect(unknown.body).toMatchObject({ status: 422, type: '/problems/unknown-indicator', indicatorKey: 'gibt-es-nicht' });
    for (const weight of ['0', '-1', '0.00']) {
      const res = await unchanged(() => controller().post(`${base}/target-agreements`, { ...agreement, indicators: [{ ...agreement.indicators[0], weight }] }));
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.field).join()).toContain('weight');
    }
    const equal = await unchanged(() =>
      controller().post(`${base}/target-agreements`, { ...agreement, indicators: [{ ...agreement.indicators[0], target: '60.00' }] }),
    );
    expect(equal.body).toMatchObject({ status: 422, type: '/problems/baseline-equals-target', field: 'indicators[0].target' });
    const answer = await unchanged(() => controller().post(`${base}/target-agreements/ZV-HRO-TW-2025-9/agreement`, {}));
    expect(answer.status).toBe(404);
  });

  it('lets only providers of the Trägerverbund report, only reported indicators, only periods of the year', async () => {
    const report = { indicatorKey: 'teilnehmende-fu', period: '2025-Q1', value: '410', note: 'Jugendtreff', businessDate: '2025-04-04' };
    const outside = await unchanged(() => as(t, 'provider', 'TR-X').post(`${base}/reports`, report));
    expect(outside.body).toMatchObject({ status: 403, type: '/problems/not-in-traegerverbund' });
    const computed = await unchanged(() => as(t, 'provider', 'TR-F').post(`${base}/reports`, { ...report, indicatorKey: 'ambulant-anteil' }));
    expect(computed.body).toMatchObject({ status: 422, type: '/problems/indicator-not-reported' });
    const otherYear = await unchanged(() => as(t, 'provider', 'TR-F').post(`${base}/reports`, { ...report, period: '2024-Q4' }));
    expect(otherYear.body).toMatchObject({ status: 422, type: '/problems/period-outside-year', field: 'period' });
    const badPeriod = await unchanged(() => as(t, 'provider', 'TR-F').post(`${base}/reports`, { ...report, period: '2025-Q5' }));
    expect(badPeriod.status).toBe(400);
    // A member of the Verbund reports; a second report for the period must name the one it corrects.
    await expectStatus(as(t, 'provider', 'TR-F').post(`${base}/reports`, report), 201);
    const again = await unchanged(() => as(t, 'provider', 'TR-F').post(`${base}/reports`, { ...report, value: '420' }));
    expect(again.body).toMatchObject({ status: 409, type: '/problems/value-already-reported', reportId: 'MW-2025-1' });
    const corrected = await expectStatus(
      as(t, 'provider', 'TR-F').post(`${base}/reports`, { ...report, value: '420', corrects: 'MW-2025-1', reason: 'Nachmeldung' }),
      201,
    );
    expect(corrected.body.reports.map((r: any) => [r.reportId, r.value, r.current])).toEqual([
      ['MW-2025-1', '410', false],
      ['MW-2025-2', '420', true],
    ]);
    // The Trägerverbund's figures are not shown to a provider outside it.
    expect((await as(t, 'provider', 'TR-X').get(base)).status).toBe(403);
  });

  // Each file starts with a good row: it is not applied either.
  const good = 'HRO-TW;01.01.2024;14000;2500';
  it.each([
    ['a missing column', `Sozialraum;Stichtag;Einwohner\nHRO-TW;01.01.2024;14000\n`, [1, 'Einwohner unter 21']],
    ['a duplicate Sozialraum-date row', `${header}\n${good}\nHRO-TW;01.01.2025;14200;2600\nHRO-TW;2025-01-01;14300;2610\n`, [4, 'Stichtag']],
    ['a non-numeric cell', `${header}\n${good}\nHRO-TW;01.01.2025;viele;2600\n`, [3, 'Einwohner']],
    ['an unknown Sozialraum', `${header}\n${good}\nHRO-XX;01.01.2025;100;50\n`, [3, 'Sozialraum']],
  ])('refuses a statistics file with %s, naming line and column, and applies nothing of it', async (_label, csv, expected) => {
    const res = await unchanged(() => as(t, 'admin').post('/statistics/imports', { csv }));
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('/problems/statistics-invalid');
    expect(res.body.rowErrors.map((e: any) => [e.line, e.column])).toContainEqual(expected);
    expect(res.body.errors.map((e: any) => e.field)).toContain(`Zeile ${expected[0]}, Spalte „${expected[1]}“`);
    expect(res.body.detail).toMatch(/^Die Datei enthält/);
    const facts = await expectStatus(controller().get('/statistics/facts?sozialraumId=HRO-TW'), 200);
    expect(facts.body.facts).toEqual([]);
  });
});
