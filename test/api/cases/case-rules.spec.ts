import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget } from '../flexible/flexible-setup';
import { invoiceAndPay, registerExampleMasterData, wiju, openCaseWithSpfh } from './case-setup';

describe('individual help: rules over HTTP', () => {
  let t: TestApp;
  const caseworker = () => as(t, 'caseworker');
  const controller = () => as(t, 'controller');
  const trE = () => as(t, 'provider', 'TR-E');

  beforeAll(async () => {
    t = await createTestApp();
    await registerExampleMasterData(t, 'HRO-R8', 'Rechtsanspruch');
    await openBudget(t, 'HRO-R8', 2025, { FS: '130000.00', FUE: '30000.00', FU: '40000.00' });
  });
  afterAll(async () => t?.close());

  const spfhCase = (caseRef: string): Promise<string> => openCaseWithSpfh(t, caseRef, 'HRO-R8');

  it('R8: approves help that drives the forecast to 150 % of B; the budget warns and opens procedures instead', async () => {
    await expectStatus(caseworker().post('/cases', { caseRef: 'RA-25-001', sozialraumId: 'HRO-R8' }), 201);
    const res = await expectStatus(
      caseworker().post('/cases/RA-25-001/approvals', {
        legalBasis: '35',
        providerId: 'TR-E',
        start: '2025-01-01',
        end: '2025-12-31',
        bescheidDate: '2025-03-03',
        rateType: 'monthly',
        rate: '25000.00',
        rateReason: 'Intensivbetreuung im Ausland, Einzelvereinbarung',
      }),
      201,
    );
    expect(res.body.approvals[0].years[0]).toMatchObject({ committed: '300000.00' });
    await t.settle();
    const utilisation = await expectStatus(controller().get('/steering/HRO-R8/2025/utilisation'), 200);
    expect(utilisation.body).toMatchObject({ forecast: '300000.00', forecastPctOfBudget: '150.00' });
    const steering = await expectStatus(controller().get('/steering/HRO-R8/2025'), 200);
    // Warning (100 %), overrun procedure (105 %) and renegotiation (110 %), all on the Bescheid date.
    for (const level of ['warning', 'procedure', 'renegotiation']) expect(steering.body.crossings[level]).toMatchObject({ businessDate: '2025-03-03' });
  });

  it('four eyes over HTTP: the same wiju user cannot verify an invoice twice; a provider cannot invoice for another provider', async () => {
    const approvalId = await spfhCase('RA-25-002');
    const submitted = await expectStatus(
      trE().post(`/cases/RA-25-002/approvals/${approvalId}/invoices`, {
        serviceMonth: '2025-01',
        quantity: '20',
        invoiceNumber: 'RE-1',
        businessDate: '2025-02-03',
      }),
      201,
    );
    const invoiceId = submitted.body.approvals[0].invoices[0].invoiceId;
    await expectStatus(
      wiju(t, 'wiju-a').post(`/cases/RA-25-002/invoices/${invoiceId}/verifications`, { step: 'sachlich-richtig', businessDate: '2025-02-04' }),
      200,
    );
    const twice = await wiju(t, 'wiju-a').post(`/cases/RA-25-002/invoices/${invoiceId}/verifications`, {
      step: 'rechnerisch-richtig',
      businessDate: '2025-02-04',
    });
    expect(twice.status).toBe(422);
    expect(twice.body.type).toBe('/problems/four-eyes-principle');
    const foreign = await as(t, 'provider', 'TR-G').post(`/cases/RA-25-002/approvals/${approvalId}/invoices`, {
      serviceMonth: '2025-02',
      quantity: '20',
      invoiceNumber: 'RE-2',
    });
    expect(foreign.status).toBe(404);
  });

  it('work queues list invoices by verification step', async () => {
    const approvalId = await spfhCase('RA-25-003');
    const a = await expectStatus(
      trE().post(`/cases/RA-25-003/approvals/${approvalId}/invoices`, { serviceMonth: '2025-01', quantity: '20', invoiceNumber: 'Q-1' }),
      201,
    );
    const b = await expectStatus(
      trE().post(`/cases/RA-25-003/approvals/${approvalId}/invoices`, { serviceMonth: '2025-02', quantity: '18', invoiceNumber: 'Q-2' }),
      201,
    );
    const second = b.body.approvals[0].invoices[1].invoiceId;
    await expectStatus(wiju(t, 'wiju-a').post(`/cases/RA-25-003/invoices/${second}/verifications`, { step: 'sachlich-richtig' }), 200);
    await t.settle();
    const first = (await expectStatus(as(t, 'wiju').get('/invoices?status=awaiting-first-verification&caseRef=RA-25-003'), 200)).body.items;
    const secondQueue = (await expectStatus(as(t, 'wiju').get('/invoices?status=awaiting-second-verification&caseRef=RA-25-003'), 200)).body.items;
    expect(first.map((i: any) => i.invoiceId)).toEqual([a.body.approvals[0].invoices[0].invoiceId]);
    expect(secondQueue).toEqual([expect.objectContaining({ invoiceId: second, amount: '1170.00', firstVerifier: 'wiju-a' })]);
  });

  it('Storno re-opens the commitment; the month can then be invoiced anew', async () => {
    const approvalId = await spfhCase('RA-25-004');
    const paid = await invoiceAndPay(t, 'RA-25-004', approvalId, 'TR-E', '2025-01', '15', { submitted: '2025-02-03' });
    expect(paid.approvals[0].years[0]).toMatchObject({ committed: '15275.00', actual: '975.00', openCommitment: '14300.00' });
    const invoiceId = paid.approvals[0].invoices[0].invoiceId;
    const reversed = await expectStatus(
      as(t, 'wiju').post(`/cases/RA-25-004/invoices/${invoiceId}/reversal`, { reason: 'falsche Stundenzahl', businessDate: '2025-02-20' }),
      200,
    );
    expect(reversed.body.approvals[0].years[0]).toMatchObject({ committed: '15600.00', actual: '0.00', openCommitment: '15600.00' });
    const again = await invoiceAndPay(t, 'RA-25-004', approvalId, 'TR-E', '2025-01', '20', { submitted: '2025-02-21' });
    expect(again.approvals[0].years[0]).toMatchObject({ committed: '15600.00', actual: '1300.00' });
    expect(again.approvals[0].invoices.map((i: any) => i.status)).toEqual(['reversed', 'paid']);
  });

  it('over-billing is refused with the approved amount and nothing is written', async () => {
    const approvalId = await spfhCase('RA-25-005');
    const before = await t.eventCount();
    const res = await trE().post(`/cases/RA-25-005/approvals/${approvalId}/invoices`, { serviceMonth: '2025-03', quantity: '21', invoiceNumber: 'RE-X' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/invoice-exceeds-approval', approvedHours: '20', approvedAmount: '1300.00' });
    expect(await t.eventCount()).toBe(before);
  });

  it('answers what a Leistungsmonat allows to invoice before an invoice is sent, and by which invoice it is claimed; a provider sees only its own', async () => {
    const approvalId = await spfhCase('RA-25-019');
    const month = (who: ReturnType<typeof trE>, serviceMonth: string) => who.get(`/cases/RA-25-019/approvals/${approvalId}/months/${serviceMonth}`);
    const march = await expectStatus(month(trE(), '2025-03'), 200);
    expect(march.body).toEqual({
      caseRef: 'RA-25-019',
      approvalId,
      serviceMonth: '2025-03',
      rateType: 'hourly',
      ceilings: [{ providerId: 'TR-E', unit: 'hours', approvedQuantity: '20', approvedAmount: '1300.00', invoice: null }],
    });
    const submitted = await expectStatus(
      trE().post(`/cases/RA-25-019/approvals/${approvalId}/invoices`, { serviceMonth: '2025-03', quantity: '18', invoiceNumber: 'RE-M3' }),
      201,
    );
    const claimed = await expectStatus(month(caseworker(), '2025-03'), 200);
    expect(claimed.body.ceilings[0].invoice).toEqual({
      invoiceId: submitted.body.invoiceId,
      invoiceNumber: 'RE-M3',
      amount: '1170.00',
      status: 'awaiting-first-verification',
    });
    // Outside the approved period nothing is approved; another provider does not see the approval at all.
    expect((await expectStatus(month(trE(), '2026-01'), 200)).body.ceilings).toEqual([]);
    const other = await month(as(t, 'provider', 'TR-F'), '2025-03');
    expect(other.status).toBe(404);
    expect(other.body.type).toBe('/problems/approval-not-found');
    const bad = await month(trE(), '2025-13');
    expect(bad.status).toBe(400);
  });

  it('a change of scope from before the approval start without a provider is refused with 422 outside-approved-period, nothing written', async () => {
    const approvalId = await spfhCase('RA-25-007');
    const before = await t.eventCount();
    const res = await caseworker().post(`/cases/RA-25-007/approvals/${approvalId}/scope-changes`, {
      from: '2024-12-01',
      hoursPerMonth: '10',
      reason: 'weniger Bedarf',
      businessDate: '2025-01-10',
    });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toBe('/problems/outside-approved-period');
    expect(await t.eventCount()).toBe(before);
  });

  it('a provider sees its own figures but no revenue: neither Kostenbeitrag and Kostenerstattung lists nor their totals', async () => {
    const approvalId = await spfhCase('RA-25-008');
    await expectStatus(
      as(t, 'wiju').post('/cases/RA-25-008/kostenbeitraege', { approvalId, monthlyAmount: '50.00', from: '2025-01-01', businessDate: '2025-01-10' }),
      201,
    );
    await expectStatus(
      as(t, 'wiju').post('/cases/RA-25-008/kostenerstattungen', {
        approvalId,
        debtorAuthority: 'LRO-JA',
        serviceMonth: '2025-01',
        amount: '1300.00',
        reference: 'KE-2025-1',
        businessDate: '2025-02-10',
      }),
      201,
    );
    const office = (await expectStatus(controller().get('/cases/RA-25-008'), 200)).body.approvals[0];
    expect(office.years[0]).toMatchObject({ fiscalYear: 2025, committed: '15600.00', revenue: '1900.00' });
    expect(office.kostenbeitraege).toHaveLength(1);
    const own = (await expectStatus(trE().get('/cases/RA-25-008'), 200)).body.approvals[0];
    expect(own.years[0]).toMatchObject({ fiscalYear: 2025, committed: '15600.00', actual: '0.00' });
    expect(own.years.every((y: any) => !('revenue' in y))).toBe(true);
    expect(own).not.toHaveProperty('kostenbeitraege');
    expect(own).not.toHaveProperty('kostenerstattungen');
    // The answer to the provider's own command shows the same view.
    const submitted = await expectStatus(
      trE().post(`/cases/RA-25-008/approvals/${approvalId}/invoices`, {
        serviceMonth: '2025-01',
        quantity: '20',
        invoiceNumber: 'RE-KB-1',
        businessDate: '2025-02-03',
      }),
      201,
    );
    expect(submitted.body.approvals[0].years.every((y: any) => !('revenue' in y))).toBe(true);
    expect(JSON.stringify(submitted.body)).not.toMatch(/revenue|kostenbeitr|kostenerstatt/i);
  });

  it('an extension with fewer hours is one Bescheid: the extended months at the new scope, one commitment, one forecast row', async () => {
    await registerExampleMasterData(t, 'HRO-VL', 'Verlängerung');
    await openBudget(t, 'HRO-VL', 2025, { FS: '130000.00', FUE: '30000.00', FU: '40000.00' });
    await expectStatus(caseworker().post('/cases', { caseRef: 'VL-25-001', sozialraumId: 'HRO-VL' }), 201);
    const granted = await expectStatus(
      caseworker().post('/cases/VL-25-001/approvals', {
        legalBasis: '31',
        providerId: 'TR-E',
        start: '2025-01-01',
        end: '2025-06-30',
        bescheidDate: '2025-01-02',
        hoursPerMonth: '24',
      }),
      201,
    );
    const approvalId = granted.body.approvals[0].approvalId;
    // 24 FLS × 65.00 = 1560.00 a month, January to June.
    expect(granted.body.approvals[0].years[0]).toMatchObject({ fiscalYear: 2025, committed: '9360.00' });
    await t.settle();
    const timeline = async () =>
      (await expectStatus(controller().get('/steering/HRO-VL/2025/forecast-timeline'), 200)).body.entries.filter((e: any) => e.cause?.caseRef === 'VL-25-001');
    expect(await timeline()).toHaveLength(1);

    const extended = await expectStatus(
      caseworker().post(`/cases/VL-25-001/approvals/${approvalId}/extension`, {
        newEnd: '2025-12-31',
        hoursPerMonth: '16',
        reason: 'Hilfeplan: Fortsetzung mit 16 FLS',
        businessDate: '2025-06-20',
      }),
      200,
    );
    // July to December at 16 FLS × 65.00 = 1040.00: 9360.00 + 6 × 1040.00 = 15600.00.
    const approval = extended.body.approvals[0];
    expect(approval.period).toEqual({ start: '2025-01-01', end: '2025-12-31' });
    expect(approval.years[0]).toMatchObject({ fiscalYear: 2025, committed: '15600.00', actual: '0.00', openCommitment: '15600.00' });
    expect(approval.rates.map((r: any) => [r.from, r.providerId, r.rate, r.hoursPerMonth, r.rateReason])).toEqual([
      ['2025-01-01', 'TR-E', '65.00', '24', null],
      ['2025-07-01', 'TR-E', '65.00', '16', null],
    ]);
    expect(approval.rates[1].agreementId).toBe(approval.rates[0].agreementId);
    expect((await expectStatus(controller().get('/cases/VL-25-001'), 200)).body.approvals[0].rates).toEqual(approval.rates);

    await t.settle();
    const utilisation = await expectStatus(controller().get('/steering/HRO-VL/2025/utilisation'), 200);
    expect(utilisation.body).toMatchObject({ forecast: '15600.00', budget: '200000.00', forecastPctOfBudget: '7.80' });
    const rows = await timeline();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      businessDate: '2025-06-20',
      type: 'CommitmentRecorded',
      delta: '6240.00',
      forecast: '15600.00',
      cause: { kind: 'approval', id: approvalId, reason: 'extension' },
    });
  });

  it('an extension with another provider: its rate agreement decides, it sees the approval; an unregistered provider is refused, nothing written', async () => {
    await expectStatus(caseworker().post('/cases', { caseRef: 'RA-25-009', sozialraumId: 'HRO-R8' }), 201);
    const granted = await expectStatus(
      caseworker().post('/cases/RA-25-009/approvals', {
        legalBasis: '31',
        providerId: 'TR-E',
        start: '2025-01-01',
        end: '2025-06-30',
        bescheidDate: '2025-01-02',
        hoursPerMonth: '24',
      }),
      201,
    );
    const approvalId = granted.body.approvals[0].approvalId;
    const extend = (body: object) =>
      caseworker().post(`/cases/RA-25-009/approvals/${approvalId}/extension`, {
        newEnd: '2025-12-31',
        reason: 'Trägerwechsel',
        businessDate: '2025-06-20',
        ...body,
      });
    const before = await t.eventCount();
    const unknown = await extend({ providerId: 'TR-Q', hoursPerMonth: '20' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.type).toBe('/problems/provider-not-registered');
    // TR-F has no agreement for § 31: its rate needs a reason, the rate of TR-E does not carry over.
    const noReason = await extend({ providerId: 'TR-F', hoursPerMonth: '20' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.type).toBe('/problems/rate-required');
    expect(await t.eventCount()).toBe(before);

    const extended = await expectStatus(
      extend({ providerId: 'TR-F', hoursPerMonth: '20', rate: '70.00', rateReason: 'Einzelvereinbarung Trägerwechsel' }),
      200,
    );
    // 6 × 24 × 65.00 = 9360.00 with TR-E, then 6 × 20 × 70.00 = 8400.00 with TR-F.
    expect(extended.body.approvals[0].years[0]).toMatchObject({ committed: '17760.00' });
    await t.settle();
    const own = (await expectStatus(as(t, 'provider', 'TR-F').get('/approvals?caseRef=RA-25-009'), 200)).body.items;
    expect(own).toEqual([expect.objectContaining({ approvalId, period: { start: '2025-01-01', end: '2025-12-31' } })]);
    const figures = (await expectStatus(as(t, 'provider', 'TR-F').get('/cases/RA-25-009'), 200)).body.approvals[0];
    expect(figures.years[0]).toMatchObject({ committed: '8400.00' });
    expect(figures.rates).toEqual([expect.objectContaining({ from: '2025-07-01', providerId: 'TR-F', rate: '70.00', hoursPerMonth: '20', agreementId: null })]);
  });

  it('offers no field for personal data: a name in the body is refused as an unknown field', async () => {
    const res = await caseworker().post('/cases', { caseRef: 'RA-25-006', sozialraumId: 'HRO-R8', name: 'Max Mustermann' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'name' })]));
    const badRef = await caseworker().post('/cases', { caseRef: 'Mustermann', sozialraumId: 'HRO-R8' });
    expect(badRef.status).toBe(400);
  });
});
