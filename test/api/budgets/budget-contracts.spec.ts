import { todayInBerlin, yearOf } from '../../../libs/calendar';
import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { registerSozialraum } from '../flexible/flexible-setup';

/** The budget contract of a Sozialraum: rule-book defaults, versions by effective date, invalid terms. */
describe('budget contracts', () => {
  let t: TestApp;
  const controller = () => as(t, 'controller');
  const path = '/budget-contracts/HRO-TW';
  const DEFAULTS = {
    corridorPct: '5',
    warningThresholdPct: '100',
    procedureThresholdPct: '105',
    renegotiationThresholdPct: '110',
    providerSharePct: '50',
    malusCapBasis: 'flexible-budget',
    malusCapPct: '10',
    carryForwardSharePct: '50',
    carryForwardCapPct: '10',
    highCostDailyRateThreshold: '300.00',
    excludedLegalBases: ['42'],
    underrunReviewMonth: 9,
    supplementaryApprovalLimits: [
      { body: 'Oberbürgermeister', upTo: '50000.00' },
      { body: 'Hauptausschuss', upTo: '500000.00' },
      { body: 'Bürgerschaft', upTo: null },
    ],
  };

  async function expectInvalid(terms: object, fields: string[]) {
    const before = await t.eventCount();
    const res = await controller().post(`${path}/versions`, { effectiveFrom: '2027-01-01', terms, reason: 'ungültig' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: any) => e.field).sort()).toEqual([...fields].sort());
    expect(res.body.errors.every((e: any) => typeof e.message === 'string' && e.message.length > 0)).toBe(true);
    expect(await t.eventCount()).toBe(before);
  }

  beforeAll(async () => {
    t = await createTestApp();
    await registerSozialraum(t, 'HRO-TW', 'Toitenwinkel', 'TR-E', ['TR-F']);
  });
  afterAll(async () => t?.close());

  it('without a version the rule book defaults apply (no version number)', async () => {
    const res = await expectStatus(controller().get(`${path}?asOf=2025-01-01`), 200);
    expect(res.body).toMatchObject({ sozialraumId: 'HRO-TW', versions: [], inForce: { versionNumber: null, effectiveFrom: null, terms: DEFAULTS } });
  });

  it('concludes a version with every default filled in, and the reason and decision reference', async () => {
    const res = await expectStatus(
      controller().post(`${path}/versions`, {
        effectiveFrom: '2025-01-01',
        terms: {},
        reason: 'Sozialraumbudgetvertrag 2025–2027',
        decisionReference: 'JHA 2024/11-07',
      }),
      201,
    );
    expect(res.body.inForce).toEqual({ versionNumber: 1, effectiveFrom: '2025-01-01', terms: DEFAULTS });
    expect([res.body.versionNumber, res.headers.location]).toEqual([1, '/budget-contracts/HRO-TW']);
    expect(res.body.versions).toEqual([
      expect.objectContaining({ versionNumber: 1, reason: 'Sozialraumbudgetvertrag 2025–2027', decisionReference: 'JHA 2024/11-07' }),
    ]);
  });

  it('reads the version in force on a date, also when versions were concluded out of order', async () => {
    await expectStatus(
      controller().post(`${path}/versions`, { effectiveFrom: '2026-01-01', terms: { corridorPct: '4', underrunReviewMonth: 10 }, reason: 'Anschlussvertrag' }),
      201,
    );
    await expectStatus(
      controller().post(`${path}/versions`, {
        effectiveFrom: '2025-07-01',
        terms: { corridorPct: '3', highCostDailyRateThreshold: '320.00', excludedLegalBases: ['42', '35'] },
        reason: 'Nachverhandlung',
      }),
      201,
    );
    const on = async (date: string) => (await expectStatus(controller().get(`${path}?asOf=${date}`), 200)).body.inForce;
    expect(await on('2024-12-31')).toMatchObject({ versionNumber: null, terms: { corridorPct: '5' } });
    expect(await on('2025-06-30')).toMatchObject({
      versionNumber: 1,
      effectiveFrom: '2025-01-01',
      terms: { corridorPct: '5', highCostDailyRateThreshold: '300.00' },
    });
    expect(await on('2025-07-01')).toMatchObject({
      versionNumber: 3,
      terms: { corridorPct: '3', highCostDailyRateThreshold: '320.00', excludedLegalBases: ['42', '35'], underrunReviewMonth: 9 },
    });
    expect(await on('2025-12-31')).toMatchObject({ versionNumber: 3 });
    expect(await on('2026-01-01')).toMatchObject({
      versionNumber: 2,
      terms: { corridorPct: '4', underrunReviewMonth: 10, highCostDailyRateThreshold: '300.00' },
    });
    const all = await expectStatus(as(t, 'auditor').get(path), 200);
    expect(all.body.versions.map((v: any) => [v.effectiveFrom, v.versionNumber])).toEqual([
      ['2025-01-01', 1],
      ['2025-07-01', 3],
      ['2026-01-01', 2],
    ]);
  });

  it('refuses a second version with the same effective date', async () => {
    const before = await t.eventCount();
    const res = await controller().post(`${path}/versions`, { effectiveFrom: '2025-07-01', terms: { corridorPct: '2' }, reason: 'doppelt' });
    expect([res.status, res.body.type]).toEqual([422, '/problems/contract-version-exists']);
    expect(res.body.detail).toBe('Eine Vertragsfassung mit Wirkung ab 2025-07-01 besteht bereits; eine neue Fassung braucht ein anderes Wirksamkeitsdatum.');
    const english = await t
      .http()
      .post(`${path}/versions`)
      .set('authorization', `Bearer ${await t.token({ role: 'controller' })}`)
      .set('accept-language', 'en')
      .send({ effectiveFrom: '2025-07-01', terms: {}, reason: 'doppelt' });
    expect([english.status, english.body.title, english.body.detail]).toEqual([
      422,
      'Contract version exists',
      'A contract version effective from 2025-07-01 exists already; conclude one with another effective date.',
    ]);
    expect(await t.eventCount()).toBe(before);
  });

  it('answers invalid terms with 400 problem+json naming every field', async () => {
    await expectInvalid({ corridorPct: '150', providerSharePct: '50.123', carryForwardCapPct: '-1' }, [
      'terms.corridorPct',
      'terms.providerSharePct',
      'terms.carryForwardCapPct',
    ]);
    await expectInvalid({ warningThresholdPct: '110', procedureThresholdPct: '105' }, ['terms.procedureThresholdPct']);
    const invalid = await controller().post(`${path}/versions`, { effectiveFrom: '2027-01-01', terms: { underrunReviewMonth: 0 }, reason: 'ungültig' });
    expect(invalid.body.errors).toEqual([{ field: 'terms.underrunReviewMonth', message: 'darf nicht kleiner als 1 sein.' }]);
    await expectInvalid({ underrunReviewMonth: 13, excludedLegalBases: ['99'], malusCapBasis: 'alles' }, [
      'terms.underrunReviewMonth',
      'terms.excludedLegalBases',
      'terms.malusCapBasis',
    ]);
    await expectInvalid({ highCostDailyRateThreshold: '300.001' }, ['terms.highCostDailyRateThreshold']);
    await expectInvalid(
      {
        supplementaryApprovalLimits: [
          { body: 'Hauptausschuss', upTo: '500000.00' },
          { body: 'Oberbürgermeister', upTo: '50000.00' },
          { body: 'Bürgerschaft', upTo: '1.00' },
        ],
      },
      ['terms.supplementaryApprovalLimits[1].upTo', 'terms.supplementaryApprovalLimits[2].upTo'],
    );
    await expectInvalid({ supplementaryApprovalLimits: [] }, ['terms.supplementaryApprovalLimits']);
  });

  it('shows the contract in force in the budget overview, and refuses a version reaching into a closed year', async () => {
    await expectStatus(
      controller().post('/budgets', {
        sozialraumId: 'HRO-TW',
        fiscalYear: 2024,
        planned: { FS: '120000.00', FUE: '30000.00', FU: '40000.00' },
        reason: 'Haushalt 2024',
        businessDate: '2023-12-10',
      }),
      201,
    );
    await expectStatus(controller().post('/budgets/HRO-TW/2024/opening', { reason: 'Haushalt rechtskräftig', businessDate: '2024-01-01' }), 200);
    const overview = await expectStatus(controller().get('/budgets/HRO-TW/2024?contractAsOf=2025-08-01'), 200);
    expect(overview.body.contract).toMatchObject({ versionNumber: 3, terms: { corridorPct: '3' } });
    await expectStatus(controller().post('/steering/HRO-TW/2024/year-close', { reason: 'Jahresabschluss 2024', businessDate: '2025-01-15' }), 200);
    const before = await t.eventCount();
    const res = await controller().post(`${path}/versions`, { effectiveFrom: '2024-06-01', terms: {}, reason: 'rückwirkend' });
    expect([res.status, res.body.type]).toEqual([422, '/problems/fiscal-year-closed']);
    expect(await t.eventCount()).toBe(before);
  });

  it('shows a year under the contract version of that year when no date is asked for: 31.12. of a past year, 01.01. of a future one', async () => {
    // Versions: 1 from 2025-01-01, 3 from 2025-07-01, 2 from 2026-01-01; a new one from next year.
    const nextYear = yearOf(todayInBerlin()) + 1;
    await expectStatus(controller().post(`${path}/versions`, { effectiveFrom: `${nextYear}-01-01`, terms: { corridorPct: '2' }, reason: 'Folgevertrag' }), 201);
    const allocated = await expectStatus(
      controller().post('/budgets', {
        sozialraumId: 'HRO-TW',
        fiscalYear: 2025,
        planned: { FS: '130000.00', FUE: '30000.00', FU: '40000.00' },
        reason: 'Haushalt 2025',
        businessDate: '2024-12-10',
      }),
      201,
    );
    expect(allocated.body.contract).toMatchObject({ versionNumber: 3, terms: { corridorPct: '3' } });
    expect((await expectStatus(controller().get('/budgets/HRO-TW/2025'), 200)).body.contract).toMatchObject({ versionNumber: 3, effectiveFrom: '2025-07-01' });
    // An explicit date still wins.
    expect((await expectStatus(controller().get('/budgets/HRO-TW/2025?contractAsOf=2025-03-01'), 200)).body.contract).toMatchObject({ versionNumber: 1 });
    // 2024 ended before any version: the rule-book defaults.
    expect((await expectStatus(controller().get('/budgets/HRO-TW/2024'), 200)).body.contract).toMatchObject({
      versionNumber: null,
      terms: { corridorPct: '5' },
    });
    // A future year is shown under the version that starts it, not under today's.
    await expectStatus(
      controller().post('/budgets', {
        sozialraumId: 'HRO-TW',
        fiscalYear: nextYear,
        planned: { FS: '130000.00', FUE: '30000.00', FU: '40000.00' },
        reason: `Haushalt ${nextYear}`,
      }),
      201,
    );
    expect((await expectStatus(controller().get(`/budgets/HRO-TW/${nextYear}`), 200)).body.contract).toMatchObject({
      versionNumber: 4,
      terms: { corridorPct: '2' },
    });
  });
});
