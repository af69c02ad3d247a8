import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget, registerSozialraum } from '../flexible/flexible-setup';
import { invoiceAndPay } from '../cases/case-setup';

/**
 * R7 through the API: when the overrun procedure opens, the Kämmerei gets a report and a
 * supplementary-expenditure request for the forecast excess is due unless covered.
 *
 * HRO-KR 2025: B = 120,000.00; § 34 at 250.00 a day. KR-25-001 all year (365 days = 91,250.00),
 * January invoiced and paid (31 days = 7,750.00 actual); KR-25-002 from 22.07. (163 days =
 * 40,750.00) by Bescheid of 20.05.: forecast 132,000.00 = 110.00 % of B (the 110 % line is not
 * passed), excess 12,000.00; warning and procedure both crossed on 20.05.
 */
describe('report to the Kämmerei and the supplementary request due', () => {
  let t: TestApp;
  const controller = () => as(t, 'controller');
  const base = '/steering/HRO-KR/2025';
  const report = `${base}/procedure/kaemmerei-report`;
  const contentOf = (body: any) => {
    const { version: _v, source: _s, view: _view, ...content } = body;
    return content;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await registerSozialraum(t, 'HRO-KR', 'Kämmereibericht');
    await openBudget(t, 'HRO-KR', 2025, { FS: '100000.00', FUE: '10000.00', FU: '10000.00' });
    await registerSozialraum(t, 'HRO-KN', 'Ohne Überschreitung');
    await openBudget(t, 'HRO-KN', 2025, { FS: '100000.00', FUE: '10000.00', FU: '10000.00' });
    const admin = await t.token({ role: 'admin' });
    await expectStatus(
      t
        .http()
        .post('/providers/TR-E/rate-agreements')
        .set('authorization', `Bearer ${admin}`)
        .send({ legalBasis: '34', rateType: 'daily', amount: '250.00', validFrom: '2024-01-01' }),
      201,
    );
    const caseworker = as(t, 'caseworker');
    await expectStatus(caseworker.post('/cases', { caseRef: 'KR-25-001', sozialraumId: 'HRO-KR' }), 201);
    await expectStatus(
      caseworker.post('/cases/KR-25-001/approvals', {
        legalBasis: '34',
        providerId: 'TR-E',
        start: '2025-01-01',
        end: '2025-12-31',
        bescheidDate: '2025-01-10',
      }),
      201,
    );
    await invoiceAndPay(t, 'KR-25-001', 'KR-25-001-B1', 'TR-E', '2025-01', '31', { submitted: '2025-02-03', verified: '2025-02-04', paid: '2025-02-05' });
    await expectStatus(caseworker.post('/cases', { caseRef: 'KR-25-002', sozialraumId: 'HRO-KR' }), 201);
    await expectStatus(
      caseworker.post('/cases/KR-25-002/approvals', {
        legalBasis: '34',
        providerId: 'TR-E',
        start: '2025-07-22',
        end: '2025-12-31',
        bescheidDate: '2025-05-20',
      }),
      201,
    );
    await t.settle();
  });
  afterAll(async () => t?.close());

  it('answers 404 no-overrun-procedure where no procedure is open (also as of a day before it opened)', async () => {
    const none = await controller().get('/steering/HRO-KN/2025/procedure/kaemmerei-report');
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ type: '/problems/no-overrun-procedure', status: 404 });
    const send = await controller().post('/steering/HRO-KN/2025/procedure/kaemmerei-report', { reference: 'Vorlage 2025/KÄ-001' });
    expect(send.status).toBe(404);
    expect(send.body.type).toBe('/problems/no-overrun-procedure');
    const before = await controller().get(`${report}?asOf=2025-05-19`);
    expect(before.status).toBe(404);
    expect(before.body.type).toBe('/problems/no-overrun-procedure');
    const overview = await expectStatus(controller().get('/steering/HRO-KN/2025'), 200);
    expect(overview.body.procedure).toBeNull();
  });

  it('reports the current figures: B, forecast and its %, excess, actual, crossings with dates, meetings and measures', async () => {
    await expectStatus(
      controller().post(`${base}/procedure/meetings`, {
        heldOn: '2025-05-28',
        participants: [
          { organisationId: 'HRO-JA', role: 'Amtsleitung Jugend' },
          { organisationId: 'TR-E', role: 'Geschäftsführung' },
        ],
        measures: ['Fallkonferenz stationäre Hilfen', 'Prüfung ambulanter Alternativen'],
      }),
      201,
    );
    const res = await expectStatus(as(t, 'auditor').get(report), 200);
    expect(res.body.source).toBe('read-model');
    expect(contentOf(res.body)).toEqual({
      procedureId: 'UEV-HRO-KR-2025',
      sozialraumId: 'HRO-KR',
      fiscalYear: 2025,
      openedOn: '2025-05-20',
      crossingWithdrawnOn: null,
      budget: '120000.00',
      forecast: '132000.00',
      forecastPctOfBudget: '110.00',
      forecastExcess: '12000.00',
      actual: '7750.00',
      crossings: [
        { kind: 'warning', thresholdPct: '100', crossedOn: '2025-05-20' },
        { kind: 'procedure', thresholdPct: '105', crossedOn: '2025-05-20' },
      ],
      meetingDueBy: '2025-06-03',
      meetings: [
        {
          heldOn: '2025-05-28',
          participants: [
            { organisationId: 'HRO-JA', role: 'Amtsleitung Jugend' },
            { organisationId: 'TR-E', role: 'Geschäftsführung' },
          ],
          measures: ['Fallkonferenz stationäre Hilfen', 'Prüfung ambulanter Alternativen'],
        },
      ],
      supplementaryRequests: [],
      supplementaryRequestDue: { forecastExcess: '12000.00', requested: '0.00', approved: '0.00', outstanding: '12000.00', due: true },
      previousReports: [],
    });
    // The same figures replayed from the log at its head.
    const head = (await t.db.query('select max(global_position)::text as p from es_events')).rows[0].p;
    const fromLog = await expectStatus(controller().get(`${report}?knownAtPosition=${head}`), 200);
    expect(fromLog.body.source).toBe('event-log');
    expect(contentOf(fromLog.body)).toEqual(contentOf(res.body));

    const overview = await expectStatus(controller().get(base), 200);
    expect(overview.body.procedure).toMatchObject({
      kaemmereiReports: [],
      kaemmereiReportOutstanding: true,
      supplementaryRequestDue: { forecastExcess: '12000.00', requested: '0.00', approved: '0.00', outstanding: '12000.00', due: true },
    });
  });

  it('records the sending with the figures as sent; the report is no longer outstanding', async () => {
    const missing = await controller().post(report, { reportedOn: '2025-06-05' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: any) => e.field)).toContain('reference');
    const tooLong = await controller().post(report, { reference: 'V'.repeat(101), reportedOn: '2025-06-05' });
    expect(tooLong.status).toBe(400);
    const early = await controller().post(report, { reference: 'Vorlage 2025/KÄ-017', reportedOn: '2025-05-19' });
    expect(early.status).toBe(422);
    expect(early.body.type).toBe('/problems/report-before-procedure');
    expect((await as(t, 'wiju').get(report)).status).toBe(403);

    const current = await expectStatus(controller().get(report), 200);
    const sent = await expectStatus(controller().post(report, { reference: 'Vorlage 2025/KÄ-017', reportedOn: '2025-06-05' }), 201);
    expect(sent.headers.location).toBe(report);
    expect(sent.body.procedure.kaemmereiReports).toEqual([
      { reportNo: 1, reportedOn: '2025-06-05', reference: 'Vorlage 2025/KÄ-017', report: contentOf(current.body), logPosition: expect.stringMatching(/^\d+$/) },
    ]);

    const overview = await expectStatus(controller().get(base), 200);
    expect(overview.body.procedure.kaemmereiReportOutstanding).toBe(false);
    expect(overview.body.procedure.kaemmereiReports).toHaveLength(1);
    const events = (
      await t.db.query(
        `select type, metadata->>'businessDate' as business_date from es_events where stream_id = 'HRO-JA/steering/HRO-KR/2025' and type = 'KaemmereiReported'`,
      )
    ).rows;
    expect(events).toEqual([{ type: 'KaemmereiReported', business_date: '2025-06-05' }]);

    const notifications = await expectStatus(controller().get('/notifications?sozialraumId=HRO-KR'), 200);
    const reported = notifications.body.items.filter((n: any) => n.type === 'KaemmereiReported');
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ businessDate: '2025-06-05' });
    expect(reported[0].summary).toBe(
      'HRO-KR 2025: Bericht an die Kämmerei (Vorlage 2025/KÄ-017, 1. Bericht) – Hochrechnung 132000.00 = 110.00 % des Budgets, Überschreitung 12000.00',
    );
  });

  it('shows the supplementary request due until requests cover the forecast excess', async () => {
    const due = async () => (await expectStatus(controller().get(base), 200)).body.procedure.supplementaryRequestDue;
    const request = (amount: string, businessDate: string) =>
      expectStatus(
        controller().post(`${base}/procedure/supplementary-requests`, {
          kind: 'ueberplanmaessig',
          amount,
          justification: 'unabweisbar: Rechtsanspruch § 34',
          coverSource: 'Mehrerträge Gewerbesteuer',
          businessDate,
        }),
        201,
      );

    await request('5000.00', '2025-06-10');
    expect(await due()).toEqual({ forecastExcess: '12000.00', requested: '5000.00', approved: '0.00', outstanding: '7000.00', due: true });
    await expectStatus(
      controller().post(`${base}/procedure/supplementary-requests/UEV-HRO-KR-2025-A1/decision`, {
        body: 'Oberbürgermeister',
        approved: true,
        decisionReference: 'OB 2025/201',
        businessDate: '2025-06-12',
      }),
      200,
    );
    expect(await due()).toEqual({ forecastExcess: '12000.00', requested: '5000.00', approved: '5000.00', outstanding: '7000.00', due: true });

    await request('7000.00', '2025-06-16');
    expect(await due()).toEqual({ forecastExcess: '12000.00', requested: '12000.00', approved: '5000.00', outstanding: '0.00', due: false });
    await expectStatus(
      controller().post(`${base}/procedure/supplementary-requests/UEV-HRO-KR-2025-A2/decision`, {
        body: 'Oberbürgermeister',
        approved: true,
        decisionReference: 'OB 2025/214',
        businessDate: '2025-06-20',
      }),
      200,
    );
    expect(await due()).toEqual({ forecastExcess: '12000.00', requested: '12000.00', approved: '12000.00', outstanding: '0.00', due: false });
    // Before the second request, as of 15.06., 7,000.00 were still to be requested.
    const asOf = await expectStatus(controller().get(`${base}?asOf=2025-06-15`), 200);
    expect(asOf.body.procedure.supplementaryRequestDue).toEqual({
      forecastExcess: '12000.00',
      requested: '5000.00',
      approved: '5000.00',
      outstanding: '7000.00',
      due: true,
    });
  });

  it('follows the forecast: a new approval makes a request due again, and a later sending reports the updated figures', async () => {
    // KR-25-003 for December: 31 days × 250.00 = 7,750.00; forecast 139,750.00 = 116.46 %, over 110 % too.
    await expectStatus(as(t, 'caseworker').post('/cases', { caseRef: 'KR-25-003', sozialraumId: 'HRO-KR' }), 201);
    await expectStatus(
      as(t, 'caseworker').post('/cases/KR-25-003/approvals', {
        legalBasis: '34',
        providerId: 'TR-E',
        start: '2025-12-01',
        end: '2025-12-31',
        bescheidDate: '2025-07-01',
      }),
      201,
    );
    await t.settle();
    const overview = await expectStatus(controller().get(base), 200);
    expect(overview.body.procedure.supplementaryRequestDue).toEqual({
      forecastExcess: '19750.00',
      requested: '12000.00',
      approved: '12000.00',
      outstanding: '7750.00',
      due: true,
    });

    const current = await expectStatus(controller().get(report), 200);
    expect(current.body).toMatchObject({
      forecast: '139750.00',
      forecastPctOfBudget: '116.46',
      forecastExcess: '19750.00',
      actual: '7750.00',
      crossings: [
        { kind: 'warning', crossedOn: '2025-05-20' },
        { kind: 'procedure', crossedOn: '2025-05-20' },
        { kind: 'renegotiation', thresholdPct: '110', crossedOn: '2025-07-01' },
      ],
      previousReports: [{ reportNo: 1, reportedOn: '2025-06-05', reference: 'Vorlage 2025/KÄ-017' }],
    });
    expect(current.body.supplementaryRequests.map((r: any) => [r.requestId, r.amount, r.decision?.approved])).toEqual([
      ['UEV-HRO-KR-2025-A1', '5000.00', true],
      ['UEV-HRO-KR-2025-A2', '7000.00', true],
    ]);

    const again = await expectStatus(controller().post(report, { reference: 'Vorlage 2025/KÄ-023', reportedOn: '2025-07-08' }), 201);
    const [first, second] = again.body.procedure.kaemmereiReports;
    // The first sending keeps the figures it was sent with.
    expect(first.report).toMatchObject({ forecast: '132000.00', forecastExcess: '12000.00', supplementaryRequests: [], previousReports: [] });
    expect(second).toMatchObject({ reportNo: 2, reportedOn: '2025-07-08', reference: 'Vorlage 2025/KÄ-023' });
    expect(second.report).toEqual(contentOf(current.body));
  });

  it('refuses a sending once the procedure is closed; nothing is due there any more', async () => {
    await expectStatus(
      controller().post(`${base}/procedure/closing`, { outcome: 'Überplanmäßige Mittel bewilligt; Maßnahmen vereinbart', businessDate: '2025-07-15' }),
      200,
    );
    const late = await controller().post(report, { reference: 'Vorlage 2025/KÄ-030', reportedOn: '2025-07-20' });
    expect(late.status).toBe(422);
    expect(late.body.type).toBe('/problems/procedure-closed');
    const overview = await expectStatus(controller().get(base), 200);
    expect(overview.body.procedure).toMatchObject({ kaemmereiReportOutstanding: false, supplementaryRequestDue: { outstanding: '7750.00', due: false } });
    // The report itself can still be read.
    expect((await expectStatus(controller().get(report), 200)).body.forecastExcess).toBe('19750.00');
  });
});
