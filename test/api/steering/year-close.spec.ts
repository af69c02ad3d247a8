import { createTestApp, TestApp } from '../../support/test-app';
import { Role } from '../../../libs/auth/principal';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget } from '../flexible/flexible-setup';
import { registerExampleMasterData, wiju } from '../cases/case-setup';

/**
 * Year close: refused while work of the year waits (an invoice in verification, a flexible
 * activity without a decision), listed in the refusal and in GET …/pending-work; closes once they
 * are cleared. If-Match names the one aggregate the client read: the budget stream for the year
 * close (ETag of GET …/pending-work), the steering stream for a settlement confirmation (ETag of
 * GET /steering/:sozialraumId/:fiscalYear or …/settlement); the appends that follow on other
 * streams (roll-over of open-ended approvals, the settlement applied to the next year) never
 * fail on it.
 */
describe('year close: pending work and If-Match', () => {
  let t: TestApp;
  const sr = 'HRO-YC';
  const base = `/budgets/${sr}/2025`;
  const steering = `/steering/${sr}/2025`;
  let invoiceId = '';
  let spfhApproval = '';

  const withIfMatch = (role: Role, etag: string, provider?: string) => ({
    post: async (path: string, body: object) => {
      const token = await t.token({ role, provider, sub: `${role}-${provider ?? 'x'}` });
      return t.http().post(path).set('authorization', `Bearer ${token}`).set('if-match', etag).send(body);
    },
  });

  beforeAll(async () => {
    t = await createTestApp();
    await registerExampleMasterData(t, sr, 'Jahresabschluss');
    await openBudget(t, sr, 2025, { FS: '130000.00', FUE: '30000.00', FU: '40000.00' });
    const caseworker = as(t, 'caseworker');
    // An SPFH of the first quarter whose March invoice is submitted but not verified.
    await expectStatus(caseworker.post('/cases', { caseRef: 'YC-25-001', sozialraumId: sr }), 201);
    const spfh = await expectStatus(
      caseworker.post('/cases/YC-25-001/approvals', {
        legalBasis: '31',
        providerId: 'TR-E',
        start: '2025-01-01',
        end: '2025-03-31',
        hoursPerMonth: '20',
        bescheidDate: '2024-12-15',
      }),
      201,
    );
    spfhApproval = spfh.body.approvals[0].approvalId;
    const submitted = await expectStatus(
      as(t, 'provider', 'TR-E').post(`/cases/YC-25-001/approvals/${spfhApproval}/invoices`, {
        serviceMonth: '2025-03',
        quantity: '20',
        invoiceNumber: 'RE-YC-03',
        businessDate: '2025-04-03',
      }),
      201,
    );
    invoiceId = submitted.body.approvals[0].invoices.at(-1).invoiceId;
    // An open-ended Heimerziehung: rolls into 2026 at the year close.
    await expectStatus(caseworker.post('/cases', { caseRef: 'YC-25-002', sozialraumId: sr }), 201);
    await expectStatus(
      caseworker.post('/cases/YC-25-002/approvals', { legalBasis: '34', providerId: 'TR-F', start: '2025-03-01', bescheidDate: '2025-02-20' }),
      201,
    );
    // A Stadtteilfest reported by the provider, not yet decided.
    await expectStatus(
      as(t, 'provider', 'TR-E').post(`${base}/activities`, {
        category: 'FU',
        activityDate: '2025-06-14',
        amount: '2800.00',
        description: 'Stadtteilfest',
        businessDate: '2025-04-25',
      }),
      201,
    );
    await expectStatus(
      as(t, 'controller').post('/budgets', {
        sozialraumId: sr,
        fiscalYear: 2026,
        planned: { FS: '130000.00', FUE: '30000.00', FU: '40000.00' },
        reason: 'Haushalt 2026',
        businessDate: '2025-12-10',
      }),
      201,
    );
    await t.settle();
  }, 120_000);
  afterAll(async () => t?.close());

  it('refuses the close while an invoice awaits verification and an activity awaits its decision, listing both', async () => {
    const pending = await expectStatus(as(t, 'controller').get(`${steering}/pending-work`), 200);
    expect(pending.body.items.map((i: any) => [i.kind, i.id])).toEqual([
      ['invoice', invoiceId],
      ['activity', 'AKT-2025-1'],
    ]);
    expect(pending.headers.etag).toBe(`"${pending.body.version}"`);

    const events = await t.eventCount();
    const refused = await as(t, 'controller').post(`${steering}/year-close`, { reason: 'Jahresabschluss 2025', businessDate: '2026-01-20' });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('/problems/year-has-pending-work');
    expect(refused.body.pending.map((i: any) => i.id)).toEqual([invoiceId, 'AKT-2025-1']);
    expect(refused.body.detail).toContain(invoiceId);
    expect(refused.body.detail).toContain('AKT-2025-1');
    expect(await t.eventCount()).toBe(events);
    expect((await expectStatus(as(t, 'controller').get(`/budgets/${sr}/2025`), 200)).body.status).not.toBe('closed');
  });

  it('lists an approved activity without its actual report, then nothing once it is settled or rejected', async () => {
    await expectStatus(as(t, 'controller').post(`${base}/activities/AKT-2025-1/approval`, { businessDate: '2025-05-02' }), 200);
    const approved = await expectStatus(as(t, 'controller').get(`${steering}/pending-work`), 200);
    expect(approved.body.items.find((i: any) => i.id === 'AKT-2025-1').description).toMatch(/tatsächlichen Kosten sind noch nicht gemeldet/);
    await expectStatus(as(t, 'provider', 'TR-E').post(`${base}/activities/AKT-2025-1/actual-report`, { amount: '2650.00', businessDate: '2025-06-20' }), 200);
    // A second activity, rejected: a decision clears it too.
    await expectStatus(
      as(t, 'provider', 'TR-E').post(`${base}/activities`, {
        category: 'FU',
        activityDate: '2025-09-06',
        amount: '900.00',
        description: 'Herbstfahrt',
        businessDate: '2025-08-20',
      }),
      201,
    );
    expect((await expectStatus(as(t, 'controller').get(`${steering}/pending-work`), 200)).body.items.map((i: any) => i.id)).toEqual([invoiceId, 'AKT-2025-2']);
    await expectStatus(as(t, 'controller').post(`${base}/activities/AKT-2025-2/rejection`, { reason: 'nicht im Sozialraum', businessDate: '2025-08-25' }), 200);
    // The invoice verified by two people and ordered for payment.
    await expectStatus(
      wiju(t, 'wiju-1').post(`/cases/YC-25-001/invoices/${invoiceId}/verifications`, { step: 'sachlich-richtig', businessDate: '2025-04-08' }),
      200,
    );
    await expectStatus(
      wiju(t, 'wiju-2').post(`/cases/YC-25-001/invoices/${invoiceId}/verifications`, { step: 'rechnerisch-richtig', businessDate: '2025-04-08' }),
      200,
    );
    await expectStatus(wiju(t, 'wiju-2').post(`/cases/YC-25-001/invoices/${invoiceId}/payment-order`, { businessDate: '2025-04-08' }), 200);
    await t.settle();
    expect((await expectStatus(as(t, 'controller').get(`${steering}/pending-work`), 200)).body.items).toEqual([]);
  });

  it('lists an instalment of the year without a payment order until it is paid', async () => {
    await expectStatus(
      as(t, 'controller').post(`${base}/subsidies`, {
        providerId: 'TR-E',
        category: 'FUE',
        purpose: 'Elternkurse',
        total: '2000.00',
        instalments: [{ dueDate: '2025-11-03', amount: '2000.00' }],
        businessDate: '2025-10-01',
      }),
      201,
    );
    const pending = await expectStatus(as(t, 'controller').get(`${steering}/pending-work`), 200);
    expect(pending.body.items.map((i: any) => [i.kind, i.id])).toEqual([['instalment', 'ZUW-2025-1-R1']]);
    expect((await as(t, 'controller').post(`${steering}/year-close`, { reason: 'Jahresabschluss 2025', businessDate: '2026-01-20' })).body.type).toBe(
      '/problems/year-has-pending-work',
    );
    await expectStatus(as(t, 'wiju').post(`${base}/subsidies/ZUW-2025-1/instalments/R1/payment-order`, { businessDate: '2025-11-03' }), 200);
    expect((await expectStatus(as(t, 'controller').get(`${steering}/pending-work`), 200)).body.items).toEqual([]);
  });

  it('answers a stale If-Match with 412 and writes nothing; the ETag just read closes the year and rolls the open-ended approval over', async () => {
    await t.settle();
    const read = await expectStatus(as(t, 'controller').get(`${steering}/pending-work`), 200);
    const etag = read.headers.etag;
    expect(etag).toBe(`"${read.body.version}"`);
    // The budget overview names the same aggregate and version.
    expect((await expectStatus(as(t, 'controller').get(`/budgets/${sr}/2025`), 200)).headers.etag).toBe(etag);

    const events = await t.eventCount();
    const stale = await withIfMatch('controller', `"${read.body.version - 1}"`).post(`${steering}/year-close`, {
      reason: 'Jahresabschluss 2025',
      businessDate: '2026-01-20',
    });
    expect(stale.status).toBe(412);
    expect(stale.body.type).toBe('/problems/stale-version');
    expect(await t.eventCount()).toBe(events);

    const closed = await expectStatus(
      withIfMatch('controller', etag).post(`${steering}/year-close`, { reason: 'Jahresabschluss 2025', businessDate: '2026-01-20' }),
      200,
    );
    expect(closed.body).toMatchObject({ status: 'closed', version: read.body.version + 1 });
    const heim = await expectStatus(as(t, 'controller').get('/cases/YC-25-002'), 200);
    const y2026 = [...heim.body.approvals[0].years, ...heim.body.approvals[0].vorbelastungen].find((y: any) => y.fiscalYear === 2026);
    // 365 days of 2026 × 195.00: committed to 31.12.2026 on 01.01.2026 by the roll-over.
    expect(y2026.committed).toBe('71175.00');
  });

  it('confirms the settlement with If-Match on the steering stream; the second confirmation applies it to 2026', async () => {
    await expectStatus(as(t, 'controller').post(`${steering}/settlement`, { businessDate: '2026-01-21' }), 201);
    await t.settle();
    const overview = await expectStatus(as(t, 'controller').get(steering), 200);
    expect(overview.headers.etag).toBe(`"${overview.body.version}"`);
    const stale = await withIfMatch('controller', `"${overview.body.version - 1}"`).post(`${steering}/settlement/confirmations`, {
      businessDate: '2026-01-22',
    });
    expect(stale.status).toBe(412);
    const first = await expectStatus(
      withIfMatch('controller', overview.headers.etag).post(`${steering}/settlement/confirmations`, { businessDate: '2026-01-22' }),
      200,
    );
    expect(first.body.settlement).toMatchObject({ applied: false, confirmations: [{ party: 'jugendamt' }] });

    // The lead provider reads the settlement (its ETag names the steering stream too) and confirms with it.
    const seen = await expectStatus(as(t, 'provider', 'TR-E').get(`${steering}/settlement`), 200);
    expect(seen.headers.etag).toBe(`"${first.body.version}"`);
    const second = await expectStatus(
      withIfMatch('provider', seen.headers.etag, 'TR-E').post(`${steering}/settlement/confirmations`, { businessDate: '2026-01-23' }),
      200,
    );
    expect(second.body.settlement).toMatchObject({ applied: true });
    expect(second.body.version).toBe(first.body.version + 2);
    const carry = second.body.settlement.figures.carryForward;
    const budget2026 = await expectStatus(as(t, 'controller').get(`/budgets/${sr}/2026`), 200);
    expect(JSON.stringify(budget2026.body)).toContain(carry);
  });
});
