import { generateKeyPairSync } from 'node:crypto';
import { DataSource } from 'typeorm';
import { run as ops } from '../../../apps/ops-cli/ops-cli';
import { Capture } from '../../support/capture';
import { createTestApp, TestApp } from '../../support/test-app';
import { EVENT_STORE, EventStore, LOG_START, StoredEvent } from '../../../libs/event-store';
import { ProjectionRunner } from '../../../libs/event-store/nest/projection-runner';
import { ThresholdWatch } from '../../../src/steering/process-managers/threshold-watch';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget, registerSozialraum } from '../flexible/flexible-setup';

/** R7/R9 through the API: an overrun opens the procedure; meeting, supplementary request, decision by the competent body, closing. */
describe('overrun procedure', () => {
  let t: TestApp;
  const controller = () => as(t, 'controller');
  const base = '/steering/HRO-UE/2025';

  beforeAll(async () => {
    t = await createTestApp();
    await registerSozialraum(t, 'HRO-UE', 'Überschreitung');
    await openBudget(t, 'HRO-UE', 2025, { FS: '100000.00', FUE: '10000.00', FU: '10000.00' });
    await t
      .http()
      .post('/providers/TR-E/rate-agreements')
      .set('authorization', `Bearer ${await t.token({ role: 'admin' })}`)
      .send({ legalBasis: '34', rateType: 'daily', amount: '250.00', validFrom: '2024-01-01' });
    await expectStatus(as(t, 'caseworker').post('/cases', { caseRef: 'UE-25-001', sozialraumId: 'HRO-UE' }), 201);
    // 365 days × 250.00 = 91,250.00 on top of nothing: 76 %; a second one crosses 105 % and 110 %.
    await expectStatus(
      as(t, 'caseworker').post('/cases/UE-25-001/approvals', {
        legalBasis: '34',
        providerId: 'TR-E',
        start: '2025-01-01',
        end: '2025-12-31',
        bescheidDate: '2025-01-10',
      }),
      201,
    );
    await expectStatus(as(t, 'caseworker').post('/cases', { caseRef: 'UE-25-002', sozialraumId: 'HRO-UE' }), 201);
    await expectStatus(
      as(t, 'caseworker').post('/cases/UE-25-002/approvals', {
        legalBasis: '34',
        providerId: 'TR-E',
        start: '2025-06-01',
        end: '2025-12-31',
        bescheidDate: '2025-05-20',
      }),
      201,
    );
    await t.settle();
  });
  afterAll(async () => t?.close());

  it('opens the procedure on the business date of the crossing, with the meeting due in 14 days and flagged overdue', async () => {
    const res = await expectStatus(controller().get(base), 200);
    expect(res.body.crossings).toMatchObject({
      warning: { businessDate: '2025-05-20' },
      procedure: { businessDate: '2025-05-20' },
      renegotiation: { businessDate: '2025-05-20' },
    });
    expect(res.body.procedure).toMatchObject({ procedureId: 'UEV-HRO-UE-2025', openedOn: '2025-05-20', meetingDueBy: '2025-06-03', meetingOverdue: true });
    const notifications = await expectStatus(controller().get('/notifications?sozialraumId=HRO-UE'), 200);
    expect(notifications.body.items.map((n: any) => n.type).sort()).toEqual(['BudgetWarningRaised', 'OverrunProcedureOpened', 'RenegotiationTriggered']);
  });

  it('records the meeting, refuses a decision by the wrong body and closes after the competent body decided', async () => {
    const meeting = {
      heldOn: '2025-05-28',
      participants: [
        { organisationId: 'HRO-JA', role: 'Amtsleitung Jugend' },
        { organisationId: 'TR-E', role: 'Geschäftsführung' },
      ],
      measures: ['Fallkonferenz stationäre Hilfen', 'Prüfung ambulanter Alternativen'],
    };
    // Both parties must take part: two people of the Jugendamt alone are not a steering meeting.
    const alone = await controller().post(`${base}/procedure/meetings`, {
      ...meeting,
      participants: [meeting.participants[0], { organisationId: 'HRO-JA', role: 'Controlling' }],
    });
    expect(alone.status).toBe(422);
    expect(alone.body.type).toBe('/problems/meeting-needs-both-parties');
    // Another provider is not the lead provider of the Sozialraum's Trägerverbund.
    const otherProvider = await controller().post(`${base}/procedure/meetings`, {
      ...meeting,
      participants: [meeting.participants[0], { organisationId: 'TR-F', role: 'Geschäftsführung' }],
    });
    expect(otherProvider.status).toBe(422);
    expect(otherProvider.body).toMatchObject({ type: '/problems/meeting-needs-both-parties', missing: ['TR-E'] });
    await expectStatus(controller().post(`${base}/procedure/meetings`, meeting), 201);
    expect((await expectStatus(controller().get(base), 200)).body.procedure.meetingOverdue).toBe(false);

    const requested = await expectStatus(
      controller().post(`${base}/procedure/supplementary-requests`, {
        kind: 'ueberplanmaessig',
        amount: '60000.00',
        justification: 'unabweisbar: Rechtsanspruch § 34',
        coverSource: 'Mehrerträge Gewerbesteuer',
        businessDate: '2025-06-02',
      }),
      201,
    );
    const request = requested.body.procedure.requests[0];
    expect(request).toMatchObject({ amount: '60000.00', competentBody: 'Hauptausschuss' });
    expect(requested.body.requestId).toBe(request.requestId);
    expect(requested.headers.location).toBe(base);
    const early = await controller().post(`${base}/procedure/closing`, { outcome: 'zu früh' });
    expect(early.body.type).toBe('/problems/requests-undecided');
    const wrong = await controller().post(`${base}/procedure/supplementary-requests/${request.requestId}/decision`, {
      body: 'Oberbürgermeister',
      approved: true,
      decisionReference: 'OB 1',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({
      type: '/problems/wrong-deciding-body',
      title: 'Nicht das zuständige Organ',
      competentBody: 'Hauptausschuss',
      detail: 'Über 60000.00 € entscheidet nach den geltenden Wertgrenzen: Hauptausschuss, nicht Oberbürgermeister.',
    });
    await expectStatus(
      controller().post(`${base}/procedure/supplementary-requests/${request.requestId}/decision`, {
        body: 'Hauptausschuss',
        approved: true,
        decisionReference: 'HA 2025/061',
        businessDate: '2025-06-12',
      }),
      200,
    );
    const closed = await expectStatus(
      controller().post(`${base}/procedure/closing`, { outcome: 'Überplanmäßige Mittel bewilligt; Maßnahmen vereinbart', businessDate: '2025-06-15' }),
      200,
    );
    expect(closed.body.procedure.closed).toMatchObject({ closedOn: '2025-06-15' });
  });

  const steeringEvents = async () =>
    (
      await t.db.query(
        `select type, event_id, metadata->>'businessDate' as business_date from es_events where stream_id = 'HRO-JA/steering/HRO-UE/2025' order by stream_version`,
      )
    ).rows;

  it('explains a back-dated approval that moves the warning earlier, once, and moves the procedure with it only when its line moves', async () => {
    // 122 days × 250.00 = 30,500.00 from a Bescheid of 01.04.: 121,750.00 > B = 120,000.00 on that day.
    await expectStatus(as(t, 'caseworker').post('/cases', { caseRef: 'UE-25-003', sozialraumId: 'HRO-UE' }), 201);
    await expectStatus(
      as(t, 'caseworker').post('/cases/UE-25-003/approvals', {
        legalBasis: '34',
        providerId: 'TR-E',
        start: '2025-09-01',
        end: '2025-12-31',
        bescheidDate: '2025-04-01',
      }),
      201,
    );
    await t.settle();
    const res = await expectStatus(controller().get(base), 200);
    expect(res.body.crossings).toMatchObject({
      warning: { businessDate: '2025-04-01' },
      procedure: { businessDate: '2025-05-20' },
      renegotiation: { businessDate: '2025-05-20' },
    });
    expect(res.body.procedure).toMatchObject({ openedOn: '2025-05-20', meetingDueBy: '2025-06-03', crossingWithdrawnOn: null });
    const moved = (await steeringEvents()).filter((e) => e.type === 'ThresholdCrossingMoved');
    expect(moved).toHaveLength(1);
    expect(moved[0].business_date).toBe('2025-04-01');
    const notifications = await expectStatus(controller().get('/notifications?sozialraumId=HRO-UE'), 200);
    const explained = notifications.body.items.filter((n: any) => n.type === 'ThresholdCrossingMoved');
    expect(explained).toHaveLength(1);
    expect(explained[0].summary).toContain('from 2025-05-20 to 2025-04-01');
  });

  it('replays the log event by event without deciding anything again (the watch never decides on a part of the log)', async () => {
    // A provider change from 01.03. at the same rate, decided on 20.02.: one append releases
    // TR-E's months and records TR-F's. Between the two the year would look far below its lines,
    // a state that never existed; a replay cut there must not decide on it.
    const admin = `Bearer ${await t.token({ role: 'admin' })}`;
    await t.http().post('/providers').set('authorization', admin).send({ providerId: 'TR-F', name: 'Träger F' });
    const changed = await as(t, 'caseworker').post('/cases/UE-25-001/approvals/UE-25-001-B1/scope-changes', {
      from: '2025-03-01',
      providerId: 'TR-F',
      rate: '250.00',
      rateReason: 'Trägerwechsel zum gleichen Satz',
      reason: 'Trägerwechsel',
      businessDate: '2025-02-20',
    });
    expect([200, 201]).toContain(changed.status);
    await t.settle();
    const before = await steeringEvents();
    const store = t.app.get<EventStore>(EVENT_STORE);
    const watch = t.app.get(ThresholdWatch);
    const dataSource = t.app.get(DataSource);
    const all: StoredEvent[] = [];
    for (let after = LOG_START; ;) {
      const batch = await store.readAll({ after, batchSize: 1000 });
      if (batch.events.length === 0) break;
      all.push(...batch.events);
      after = batch.checkpoint;
    }
    await dataSource.query('truncate table steering_watch_changes, steering_watch_pending');
    // Batches of one event: each crossing's causes arrive separately, long before the steering
    // stream's newest event, as in a rebuild of a long log.
    for (const event of all) await dataSource.transaction((manager) => watch.handle([event], manager));
    expect(await steeringEvents()).toEqual(before);
    expect((await t.db.query('select count(*)::int as n from steering_watch_pending')).rows[0].n).toBe(0);

    // And the same through the runner's rebuild of every projection.
    const runner = t.app.get(ProjectionRunner);
    for (const name of runner.names().filter((n) => n !== 'audit-chain')) await runner.rebuild(name);
    await t.settle();
    expect(await steeringEvents()).toEqual(before);
    const after = await expectStatus(controller().get(base), 200);
    expect(after.body.crossings.warning.businessDate).toBe('2025-04-01');

    // The timeline read model equals the replay from the log, whole and cut off at a business date.
    const head = (await t.db.query('select max(global_position)::text as p from es_events')).rows[0].p;
    for (const asOf of ['', '&asOf=2025-04-30']) {
      const fromModel = await expectStatus(controller().get(`${base}/forecast-timeline${asOf.replace('&', '?')}`), 200);
      const fromLog = await expectStatus(controller().get(`${base}/forecast-timeline?knownAtPosition=${head}${asOf}`), 200);
      expect(fromModel.body.source).toBe('read-model');
      expect(fromLog.body.source).toBe('event-log');
      expect(fromModel.body.entries).toHaveLength(asOf ? 5 : 6);
      expect(fromModel.body.entries).toEqual(fromLog.body.entries);
    }
  });

  it('re-decides the crossings when a new contract version moves the thresholds', async () => {
    const terms = { warningThresholdPct: '150', procedureThresholdPct: '155', renegotiationThresholdPct: '160' };
    await expectStatus(
      controller().post('/budget-contracts/HRO-UE/versions', { effectiveFrom: '2025-01-02', terms, reason: 'Nachverhandlung: neue Schwellen' }),
      201,
    );
    await t.settle();
    const res = await expectStatus(controller().get(base), 200);
    // The forecast peaks at 146 % of B: under the new lines nothing stands any more.
    expect(res.body.crossings).toEqual({});
    expect(Object.keys(res.body.withdrawnCrossings).sort()).toEqual(['procedure', 'renegotiation', 'warning']);
    expect(res.body.procedure.crossingWithdrawnOn).toBe('2025-05-20');
  });
  it("keeps the procedure's texts sealed under the Sozialraum-year's steering key; ops erase leaves every figure and takes no new text", async () => {
    const sealedIn = async (type: string) =>
      (await t.db.query(`select data from es_events where stream_id = 'HRO-JA/steering/HRO-UE/2025' and type = $1 order by stream_version`, [type])).rows.map(
        (r) => r.data,
      );
    const [meeting] = await sealedIn('SteeringMeetingHeld');
    expect(meeting.measures).toHaveLength(2);
    for (const text of [
      ...meeting.measures,
      (await sealedIn('SupplementaryExpenditureRequested'))[0].justification,
      (await sealedIn('OverrunProcedureClosed'))[0].outcome,
    ])
      expect(text).toMatch(/^sealed:v1:/);
    expect(JSON.stringify(await sealedIn('SupplementaryExpenditureRequested'))).toContain('Mehrerträge Gewerbesteuer');

    const before = (await expectStatus(controller().get(base), 200)).body;
    expect(before.procedure.meetings[0].measures).toEqual(['Fallkonferenz stationäre Hilfen', 'Prüfung ambulanter Alternativen']);
    expect(before.procedure.requests[0].justification).toBe('unabweisbar: Rechtsanspruch § 34');
    expect(before.procedure.closed.outcome).toBe('Überplanmäßige Mittel bewilligt; Maßnahmen vereinbart');

    const { privateKey } = generateKeyPairSync('ed25519');
    const io = {
      stdout: new Capture(),
      stderr: new Capture(false),
      env: { NODE_ENV: 'test', DATABASE_URL: t.databaseUrl, AUDIT_SIGNING_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() },
    };
    const code = await ops(
      ['erase', '--tenant', 'HRO-JA', '--sozialraum', 'HRO-UE', '--steering', '2025', '--reason', 'Löschantrag nach Art. 17 DSGVO', '--by', 'admin-1'],
      io,
    );
    expect({ code, stderr: io.stderr.text }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(io.stdout.text)).toMatchObject({ subject: 'steering:HRO-UE/2025' });

    const after = (await expectStatus(controller().get(base), 200)).body;
    expect(after.procedure.meetings[0].measures).toEqual(['gelöscht', 'gelöscht']);
    expect(after.procedure.requests[0].justification).toBe('gelöscht');
    expect(after.procedure.closed.outcome).toBe('gelöscht');
    // Everything but the texts as it was.
    const withoutTexts = (body: any) => ({
      ...body,
      procedure: {
        ...body.procedure,
        meetings: body.procedure.meetings.map((m: any) => ({ ...m, measures: m.measures.length })),
        requests: body.procedure.requests.map((r: any) => ({ ...r, justification: null })),
        closed: { ...body.procedure.closed, outcome: null },
      },
    });
    expect(withoutTexts(after)).toEqual(withoutTexts(before));

    const refused = await controller().post(`${base}/procedure/meetings`, {
      heldOn: '2025-07-01',
      participants: [
        { organisationId: 'HRO-JA', role: 'Amtsleitung Jugend' },
        { organisationId: 'TR-E', role: 'Geschäftsführung' },
      ],
      measures: ['Nachsteuerung'],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('/problems/texts-erased');
  });
});
