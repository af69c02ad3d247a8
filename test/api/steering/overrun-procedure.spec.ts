import { createTestApp, TestApp } from '../../../libs/testing/test-app';
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
    await t.http().post('/providers/TR-E/rate-agreements').set('authorization', `Bearer ${await t.token({ role: 'admin' })}`).send({ legalBasis: '34', rateType: 'daily', amount: '250.00', validFrom: '2024-01-01' });
    await expectStatus(as(t, 'caseworker').post('/cases', { caseRef: 'UE-25-001', sozialraumId: 'HRO-UE' }), 201);
    // 365 days × 250.00 = 91,250.00 on top of nothing: 76 %; a second one crosses 105 % and 110 %.
    await expectStatus(as(t, 'caseworker').post('/cases/UE-25-001/approvals', { legalBasis: '34', providerId: 'TR-E', start: '2025-01-01', end: '2025-12-31', bescheidDate: '2025-01-10' }), 201);
    await expectStatus(as(t, 'caseworker').post('/cases', { caseRef: 'UE-25-002', sozialraumId: 'HRO-UE' }), 201);
    await expectStatus(as(t, 'caseworker').post('/cases/UE-25-002/approvals', { legalBasis: '34', providerId: 'TR-E', start: '2025-06-01', end: '2025-12-31', bescheidDate: '2025-05-20' }), 201);
    await t.settle();
  });
  afterAll(async () => t?.close());

  it('opens the procedure on the business date of the crossing, with the meeting due in 14 days and flagged overdue', async () => {
    const res = await expectStatus(controller().get(base), 200);
    expect(res.body.crossings).toMatchObject({ warning: { businessDate: '2025-05-20' }, procedure: { businessDate: '2025-05-20' }, renegotiation: { businessDate: '2025-05-20' } });
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
    const alone = await controller().post(`${base}/procedure/meetings`, { ...meeting, participants: [meeting.participants[0], { organisationId: 'HRO-JA', role: 'Controlling' }] });
    expect(alone.status).toBe(422);
    expect(alone.body.type).toBe('/problems/meeting-needs-both-parties');
    await expectStatus(controller().post(`${base}/procedure/meetings`, meeting), 201);
    expect((await expectStatus(controller().get(base), 200)).body.procedure.meetingOverdue).toBe(false);

    const requested = await expectStatus(
      controller().post(`${base}/procedure/supplementary-requests`, { kind: 'ueberplanmaessig', amount: '60000.00', justification: 'unabweisbar: Rechtsanspruch § 34', coverSource: 'Mehrerträge Gewerbesteuer', businessDate: '2025-06-02' }),
      201,
    );
    const request = requested.body.procedure.requests[0];
    expect(request).toMatchObject({ amount: '60000.00', competentBody: 'Hauptausschuss' });
    const early = await controller().post(`${base}/procedure/closing`, { outcome: 'zu früh' });
    expect(early.body.type).toBe('/problems/requests-undecided');
    const wrong = await controller().post(`${base}/procedure/supplementary-requests/${request.requestId}/decision`, { body: 'Oberbürgermeister', approved: true, decisionReference: 'OB 1' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ type: '/problems/wrong-deciding-body', competentBody: 'Hauptausschuss' });
    await expectStatus(controller().post(`${base}/procedure/supplementary-requests/${request.requestId}/decision`, { body: 'Hauptausschuss', approved: true, decisionReference: 'HA 2025/061', businessDate: '2025-06-12' }), 200);
    const closed = await expectStatus(controller().post(`${base}/procedure/closing`, { outcome: 'Überplanmäßige Mittel bewilligt; Maßnahmen vereinbart', businessDate: '2025-06-15' }), 200);
    expect(closed.body.procedure.closed).toMatchObject({ closedOn: '2025-06-15' });
  });
});
