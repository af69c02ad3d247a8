import { addDays, daysInMonth, monthsBetween, nextMonth } from '../../../libs/calendar';
import { by, compareText, sortedBy, thenBy } from '../../../libs/order';
import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget } from '../flexible/flexible-setup';
import { invoiceAndPay, registerExampleMasterData } from './case-setup';

/**
 * The individual-help part of docs/example-toitenwinkel-2025.md through the public API: seven cases,
 * every monthly invoice submitted by the provider, verified by two people and paid; each case's
 * 2025 actual must equal the example's.
 */
describe('Toitenwinkel 2025: individual help through the API', () => {
  let t: TestApp;
  const caseworker = () => as(t, 'caseworker');
  const controller = () => as(t, 'controller');

  beforeAll(async () => {
    t = await createTestApp();
    await registerExampleMasterData(t);
    await openBudget(t, 'HRO-TW', 2025, { FS: '130000.00', FUE: '30000.00', FU: '40000.00' });
  });
  afterAll(async () => t?.close());

  async function approve(caseRef: string, body: Record<string, unknown>) {
    await expectStatus(caseworker().post('/cases', { caseRef, sozialraumId: 'HRO-TW' }), 201);
    const res = await expectStatus(caseworker().post(`/cases/${caseRef}/approvals`, body), 201);
    return res.body.approvals[0];
  }

  /** Submission and verification early in the following month, unless the example says otherwise. */
  const afterMonth = (month: string) => `${nextMonth(month)}-05`;

  async function actual2025(caseRef: string): Promise<string> {
    const res = await expectStatus(controller().get(`/cases/${caseRef}`), 200);
    return res.body.approvals[0].years.find((y: any) => y.fiscalYear === 2025).actual;
  }

  it('T1 § 31 SPFH, Bescheid 2024: committed on 01.01. with 15,600.00, twelve months of 20 FLS paid', async () => {
    const approval = await approve('TW-25-001', {
      legalBasis: '31',
      providerId: 'TR-E',
      start: '2025-01-01',
      end: '2025-12-31',
      bescheidDate: '2024-12-15',
      hoursPerMonth: '20',
    });
    expect(approval.rates[0]).toMatchObject({ rate: '65.00', hoursPerMonth: '20', agreementId: 'EV-TR-E-1' });
    expect(approval.classification).toMatchObject({ inBudget: true, reason: 'in-budget' });
    expect(approval.years).toEqual([expect.objectContaining({ fiscalYear: 2025, committed: '15600.00', actual: '0.00', openCommitment: '15600.00' })]);
    for (const month of monthsBetween('2025-01', '2025-12'))
      await invoiceAndPay(t, 'TW-25-001', approval.approvalId, 'TR-E', month, '20', { submitted: afterMonth(month) });
    expect(await actual2025('TW-25-001')).toBe('15600.00');
  });

  it('T2 § 34 open-ended from 01.03.: 306 days committed to 31.12. (59,670.00), each month paid by days', async () => {
    const approval = await approve('TW-25-002', { legalBasis: '34', providerId: 'TR-F', start: '2025-03-01', bescheidDate: '2025-02-20' });
    expect(approval.years[0]).toMatchObject({ committed: '59670.00' });
    await expectStatus(
      as(t, 'wiju').post('/cases/TW-25-002/kostenbeitraege', {
        approvalId: approval.approvalId,
        monthlyAmount: '180.00',
        from: '2025-03-01',
        businessDate: '2025-03-10',
      }),
      201,
    );
    for (const month of monthsBetween('2025-03', '2025-12')) {
      await invoiceAndPay(t, 'TW-25-002', approval.approvalId, 'TR-F', month, String(daysInMonth(2025, Number(month.slice(5)))), {
        submitted: afterMonth(month),
      });
    }
    expect(await actual2025('TW-25-002')).toBe('59670.00');
    const view = (await expectStatus(controller().get('/cases/TW-25-002'), 200)).body.approvals[0];
    // Bruttoprinzip: the Kostenbeitrag is revenue beside the actual, not deducted from it.
    expect(view.years[0]).toMatchObject({ actual: '59670.00', revenue: '1800.00' });
  });

  it('T3 § 35a Schulbegleitung: March invoiced at 45 h and verified on 08.04. releases 577.50', async () => {
    const approval = await approve('TW-25-003', {
      legalBasis: '35a',
      setting: 'ambulant',
      providerId: 'TR-E',
      start: '2025-02-01',
      end: '2025-07-31',
      bescheidDate: '2025-01-20',
      hoursPerMonth: '60',
    });
    expect(approval.years[0]).toMatchObject({ committed: '13860.00' });
    for (const month of monthsBetween('2025-02', '2025-07')) {
      const march = month === '2025-03';
      const after = await invoiceAndPay(t, 'TW-25-003', approval.approvalId, 'TR-E', month, march ? '45' : '60', {
        submitted: march ? '2025-04-03' : afterMonth(month),
        verified: march ? '2025-04-08' : undefined,
      });
      if (march) expect(after.approvals[0].years[0]).toMatchObject({ committed: '13282.50' });
    }
    expect(await actual2025('TW-25-003')).toBe('13282.50');
  });

  it('T4 § 32 Tagesgruppe: terminated (Abbruch) on 15.09. effective 30.09., October to December released', async () => {
    const approval = await approve('TW-25-004', { legalBasis: '32', providerId: 'TR-G', start: '2025-05-01', bescheidDate: '2025-04-10' });
    expect(approval.years[0]).toMatchObject({ committed: '19600.00' });
    for (const month of monthsBetween('2025-05', '2025-08'))
      await invoiceAndPay(t, 'TW-25-004', approval.approvalId, 'TR-G', month, undefined, { submitted: afterMonth(month) });
    const terminated = await expectStatus(
      caseworker().post(`/cases/TW-25-004/approvals/${approval.approvalId}/termination`, {
        reason: 'abbruch',
        effectiveEnd: '2025-09-30',
        businessDate: '2025-09-15',
      }),
      200,
    );
    expect(terminated.body.approvals[0]).toMatchObject({ status: 'terminated', period: { start: '2025-05-01', end: '2025-09-30' } });
    expect(terminated.body.approvals[0].years[0]).toMatchObject({ committed: '12250.00' });
    await invoiceAndPay(t, 'TW-25-004', approval.approvalId, 'TR-G', '2025-09', undefined, { submitted: '2025-10-05' });
    const october = await as(t, 'provider', 'TR-G').post(`/cases/TW-25-004/approvals/${approval.approvalId}/invoices`, {
      serviceMonth: '2025-10',
      invoiceNumber: 'RE-10',
    });
    expect(october.status).toBe(422);
    expect(october.body.type).toBe('/problems/outside-approved-period');
    expect(await actual2025('TW-25-004')).toBe('12250.00');
  });

  it('T5 § 30 Erziehungsbeistand: six months of 10 FLS', async () => {
    const approval = await approve('TW-25-005', {
      legalBasis: '30',
      providerId: 'TR-E',
      start: '2025-07-01',
      end: '2025-12-31',
      bescheidDate: '2025-06-05',
      hoursPerMonth: '10',
    });
    for (const month of monthsBetween('2025-07', '2025-12'))
      await invoiceAndPay(t, 'TW-25-005', approval.approvalId, 'TR-E', month, '10', { submitted: afterMonth(month) });
    expect(await actual2025('TW-25-005')).toBe('3900.00');
  });

  it('T6 Inobhutnahme § 42 and T7 Hochkostenfall are recorded outside the budget', async () => {
    const t6 = await approve('TW-25-006', { legalBasis: '42', providerId: 'TR-F', start: '2025-10-06', end: '2025-10-19', bescheidDate: '2025-10-06' });
    expect(t6.classification).toMatchObject({ inBudget: false, reason: 'excluded-legal-basis' });
    await invoiceAndPay(t, 'TW-25-006', t6.approvalId, 'TR-F', '2025-10', '14', { submitted: '2025-11-03' });
    expect(await actual2025('TW-25-006')).toBe('3080.00');

    // A daily rate other than the agreement's needs a reason; 340.00 is above the 300.00 threshold.
    const refused = await caseworker().post('/cases', { caseRef: 'TW-25-007', sozialraumId: 'HRO-TW' });
    expect(refused.status).toBe(201);
    const noReason = await caseworker().post('/cases/TW-25-007/approvals', {
      legalBasis: '34',
      providerId: 'TR-F',
      start: '2025-10-01',
      bescheidDate: '2025-09-24',
      rate: '340.00',
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.type).toBe('/problems/rate-reason-required');
    const t7 = (
      await expectStatus(
        caseworker().post('/cases/TW-25-007/approvals', {
          legalBasis: '34',
          providerId: 'TR-F',
          start: '2025-10-01',
          bescheidDate: '2025-09-24',
          rate: '340.00',
          rateReason: 'Intensivgruppe, Einzelvereinbarung',
        }),
        201,
      )
    ).body.approvals[0];
    expect(t7.classification).toMatchObject({ inBudget: false, reason: 'high-cost' });
    for (const month of monthsBetween('2025-10', '2025-12')) {
      await invoiceAndPay(t, 'TW-25-007', t7.approvalId, 'TR-F', month, String(daysInMonth(2025, Number(month.slice(5)))), {
        submitted: addDays(`${nextMonth(month)}-01`, 2),
      });
    }
    expect(await actual2025('TW-25-007')).toBe('31280.00');
  });

  it('steering shows the monthly FS actuals (104,702.50), 34,360.00 outside the budget and 1,800.00 revenue beside it', async () => {
    await t.settle();
    const res = await expectStatus(controller().get('/steering/HRO-TW/2025/utilisation'), 200);
    const fs = res.body.categories.find((c: any) => c.category === 'FS');
    expect(fs).toMatchObject({ planned: '130000.00', actual: '104702.50', forecast: '104702.50' });
    const exampleFs = ['1300.00', '3610.00', '9077.50', '9460.00', '12105.00', '11910.00', '12755.00', '10445.00', '10250.00', '7995.00', '7800.00', '7995.00'];
    expect(res.body.monthlyActual.map((m: any) => m.FS)).toEqual(exampleFs);
    // Lists in their documented order (docs/architecture.md, "Order of lists"): out-of-budget money
    // by reason, revenue by kind, providers by provider id and then category.
    expect(res.body.outOfBudget).toEqual([
      { reason: 'excluded-legal-basis', forecast: '3080.00', actual: '3080.00' },
      { reason: 'high-cost', forecast: '31280.00', actual: '31280.00' },
    ]);
    expect(res.body.revenue).toEqual([{ kind: 'kostenbeitrag', amount: '1800.00' }]);
    expect(res.body.providers.map((p: any) => [p.providerId, p.category, p.actual])).toEqual([
      ['TR-E', 'FS', '32782.50'],
      ['TR-F', 'FS', '59670.00'],
      ['TR-G', 'FS', '12250.00'],
    ]);
  });

  it('the provider view shows TR-E only its own approvals and invoices', async () => {
    await t.settle();
    const trE = as(t, 'provider', 'TR-E');
    const approvals = (await expectStatus(trE.get('/approvals?sozialraumId=HRO-TW'), 200)).body.items;
    // By approval id (the documented order of the list).
    expect(approvals.map((a: any) => a.approvalId)).toEqual(['TW-25-001-B1', 'TW-25-003-B1', 'TW-25-005-B1']);
    await expectStatus(trE.get('/cases/TW-25-002'), 404);
    const own = (await expectStatus(trE.get('/cases/TW-25-001'), 200)).body;
    expect(own.approvals[0].years[0]).toMatchObject({ actual: '15600.00' });
    const invoices = (await expectStatus(trE.get('/invoices?limit=200'), 200)).body.items;
    expect(invoices).toHaveLength(24);
    expect(invoices.every((i: any) => i.providerId === 'TR-E')).toBe(true);
    // Oldest submission first, invoice id between submissions recorded at the same instant.
    expect(invoices).toEqual(
      sortedBy(
        invoices,
        thenBy(
          by((i: any) => i.submittedAt, compareText),
          by((i: any) => i.invoiceId, compareText),
        ),
      ),
    );
    await expectStatus(trE.get('/invoices?providerId=TR-F'), 404);
  });
});
