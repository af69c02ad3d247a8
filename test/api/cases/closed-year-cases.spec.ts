import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget } from '../flexible/flexible-setup';
import { invoiceAndPay, registerExampleMasterData, wiju } from './case-setup';

const planned = { FS: '130000.00', FUE: '30000.00', FU: '40000.00' };

/**
 * Individual help around the year close: a closed year accepts no bookings from any case command
 * (rule book, "Money and time"), and an open-ended approval is committed for the new year from
 * 01.01. (R5) even before the old year is closed.
 */
describe('individual help and the year close', () => {
  let t: TestApp;
  const caseworker = () => as(t, 'caseworker');
  const controller = () => as(t, 'controller');

  async function expectRefused(pending: Promise<{ status: number; body: any; headers: Record<string, string> }>, type = '/problems/fiscal-year-closed') {
    const before = await t.eventCount();
    const res = await pending;
    expect({ status: res.status, type: res.body.type }).toEqual({ status: 422, type });
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await t.eventCount()).toBe(before);
    return res;
  }

  /** Committed per fiscal year as the case view shows it (current years and Vorbelastungen). */
  async function committedByYear(caseRef: string): Promise<Record<number, string>> {
    const approval = (await expectStatus(controller().get(`/cases/${caseRef}`), 200)).body.approvals[0];
    return Object.fromEntries([...approval.years, ...approval.vorbelastungen].map((y: any) => [y.fiscalYear, y.committed]));
  }

  beforeAll(async () => {
    t = await createTestApp();
    await registerExampleMasterData(t, 'HRO-CY', 'Abgeschlossen');
    await registerExampleMasterData(t, 'HRO-NY', 'Neujahr');
  });
  afterAll(async () => t?.close());

  describe('a closed year accepts no bookings from cases', () => {
    let spanning = '';
    let openEnded = '';
    let paid2024 = '';
    let fixed = '';

    beforeAll(async () => {
      await openBudget(t, 'HRO-CY', 2024, planned);
      await openBudget(t, 'HRO-CY', 2025, planned);
      await expectStatus(caseworker().post('/cases', { caseRef: 'CY-24-001', sozialraumId: 'HRO-CY' }), 201);
      const granted = await expectStatus(
        caseworker().post('/cases/CY-24-001/approvals', {
          legalBasis: '31',
          providerId: 'TR-E',
          start: '2024-10-01',
          end: '2025-03-31',
          bescheidDate: '2024-09-20',
          hoursPerMonth: '20',
        }),
        201,
      );
      spanning = granted.body.approvals[0].approvalId;
      const paid = await invoiceAndPay(t, 'CY-24-001', spanning, 'TR-E', '2024-10', '20', { submitted: '2024-11-04' });
      paid2024 = paid.approvals[0].invoices[0].invoiceId;
      await expectStatus(caseworker().post('/cases', { caseRef: 'CY-24-002', sozialraumId: 'HRO-CY' }), 201);
      openEnded = (
        await expectStatus(
          caseworker().post('/cases/CY-24-002/approvals', { legalBasis: '34', providerId: 'TR-F', start: '2024-11-01', bescheidDate: '2024-10-20' }),
          201,
        )
      ).body.approvals[0].approvalId;
      await expectStatus(caseworker().post('/cases', { caseRef: 'CY-24-004', sozialraumId: 'HRO-CY' }), 201);
      fixed = (
        await expectStatus(
          caseworker().post('/cases/CY-24-004/approvals', {
            legalBasis: '32',
            providerId: 'TR-G',
            start: '2024-09-01',
            end: '2024-11-30',
            bescheidDate: '2024-08-20',
          }),
          201,
        )
      ).body.approvals[0].approvalId;
      await expectStatus(controller().post('/steering/HRO-CY/2024/year-close', { reason: 'Jahresabschluss 2024', businessDate: '2025-01-20' }), 200);
      await expectStatus(caseworker().post('/cases', { caseRef: 'CY-24-003', sozialraumId: 'HRO-CY' }), 201);
    });

    it('refuses an invoice for a service month of the closed year (no money moves yet) with 422 fiscal-year-closed, nothing written', async () => {
      const trE = as(t, 'provider', 'TR-E');
      await expectRefused(
        trE.post(`/cases/CY-24-001/approvals/${spanning}/invoices`, {
          serviceMonth: '2024-12',
          quantity: '20',
          invoiceNumber: 'RE-2024-12',
          businessDate: '2025-01-25',
        }),
      );
      await expectRefused(
        as(t, 'provider', 'TR-F').post(`/cases/CY-24-002/approvals/${openEnded}/invoices`, {
          serviceMonth: '2024-12',
          quantity: '31',
          invoiceNumber: 'RE-2024-12',
        }),
      );
      const view = (await expectStatus(controller().get('/cases/CY-24-001'), 200)).body.approvals[0];
      expect(view.invoices.map((i: any) => i.serviceMonth)).toEqual(['2024-10']);
    });

    it('refuses an approval, an extension, a termination, a Kostenbeitrag, a Kostenerstattung and a Storno touching the closed year', async () => {
      await expectRefused(
        caseworker().post('/cases/CY-24-003/approvals', {
          legalBasis: '31',
          providerId: 'TR-E',
          start: '2024-12-01',
          end: '2025-02-28',
          bescheidDate: '2025-01-22',
          hoursPerMonth: '10',
        }),
      );
      await expectRefused(
        caseworker().post(`/cases/CY-24-004/approvals/${fixed}/extension`, { newEnd: '2025-02-28', reason: 'Fortsetzung', businessDate: '2025-01-22' }),
      );
      await expectRefused(
        caseworker().post(`/cases/CY-24-002/approvals/${openEnded}/termination`, { reason: 'abbruch', effectiveEnd: '2024-12-15', businessDate: '2025-01-22' }),
      );
      await expectRefused(
        as(t, 'wiju').post('/cases/CY-24-002/kostenbeitraege', {
          approvalId: openEnded,
          monthlyAmount: '180.00',
          from: '2024-12-01',
          businessDate: '2025-01-22',
        }),
      );
      await expectRefused(
        as(t, 'wiju').post('/cases/CY-24-002/kostenerstattungen', {
          approvalId: openEnded,
          debtorAuthority: 'LRO-JA',
          serviceMonth: '2024-12',
          amount: '6045.00',
          reference: 'KE-1',
          businessDate: '2025-01-22',
        }),
      );
      await expectRefused(as(t, 'wiju').post(`/cases/CY-24-001/invoices/${paid2024}/reversal`, { reason: 'falscher Monat', businessDate: '2025-01-22' }));
      const view = (await expectStatus(controller().get('/cases/CY-24-001'), 200)).body.approvals[0];
      expect(view.invoices.map((i: any) => [i.serviceMonth, i.status])).toEqual([['2024-10', 'paid']]);
    });

    it('the next year still works: invoice, both verifications, payment order and Storno of 2025', async () => {
      const paid = await invoiceAndPay(t, 'CY-24-001', spanning, 'TR-E', '2025-01', '15', { submitted: '2025-02-03' });
      const january = paid.approvals[0].invoices.find((i: any) => i.serviceMonth === '2025-01');
      expect(january).toMatchObject({ status: 'paid', amount: '975.00' });
      const reversed = await expectStatus(
        as(t, 'wiju').post(`/cases/CY-24-001/invoices/${january.invoiceId}/reversal`, { reason: 'falsche Stundenzahl', businessDate: '2025-02-10' }),
        200,
      );
      expect(reversed.body.approvals[0].invoices.map((i: any) => i.status)).toEqual(['paid', 'reversed']);
      // The open-ended approval was rolled into 2025 at the year close and is invoiced there.
      await invoiceAndPay(t, 'CY-24-002', openEnded, 'TR-F', '2025-01', '31', { submitted: '2025-02-03' });
      expect(await committedByYear('CY-24-002')).toMatchObject({ 2024: '11895.00', 2025: '71175.00' });
      await expectStatus(
        as(t, 'wiju').post('/cases/CY-24-002/kostenbeitraege', {
          approvalId: openEnded,
          monthlyAmount: '180.00',
          from: '2025-01-01',
          businessDate: '2025-02-05',
        }),
        201,
      );
    });
  });

  describe('R5: an open-ended approval is committed for the new year from 01.01., before the old year is closed', () => {
    let approvalId = '';

    beforeAll(async () => {
      await openBudget(t, 'HRO-NY', 2025, planned);
      await openBudget(t, 'HRO-NY', 2026, planned);
      await expectStatus(caseworker().post('/cases', { caseRef: 'NY-25-001', sozialraumId: 'HRO-NY' }), 201);
      approvalId = (
        await expectStatus(
          caseworker().post('/cases/NY-25-001/approvals', { legalBasis: '34', providerId: 'TR-F', start: '2025-03-01', bescheidDate: '2025-02-20' }),
          201,
        )
      ).body.approvals[0].approvalId;
    });

    it('a January invoice of the new year succeeds while 2025 is open; the 2026 commitment counts from 01.01.2026', async () => {
      expect(await committedByYear('NY-25-001')).toEqual({ 2025: '59670.00' });
      const res = await expectStatus(
        as(t, 'provider', 'TR-F').post(`/cases/NY-25-001/approvals/${approvalId}/invoices`, {
          serviceMonth: '2026-01',
          quantity: '31',
          invoiceNumber: 'RE-2026-01',
          businessDate: '2026-02-03',
        }),
        201,
      );
      const approval = res.body.approvals[0];
      expect(approval.committedThrough).toBe(2026);
      expect(approval.invoices.at(-1)).toMatchObject({ serviceMonth: '2026-01', amount: '6045.00', status: 'awaiting-first-verification' });
      expect(await committedByYear('NY-25-001')).toEqual({ 2025: '59670.00', 2026: '71175.00' });
      await t.settle();
      const before = await expectStatus(controller().get('/steering/HRO-NY/2026/utilisation?asOf=2025-12-31'), 200);
      const onNewYear = await expectStatus(controller().get('/steering/HRO-NY/2026/utilisation?asOf=2026-01-01'), 200);
      expect([before.body.forecast, onNewYear.body.forecast]).toEqual(['0.00', '71175.00']);
    });

    it('closing 2025 afterwards does not roll the approval twice: the 2026 commitment stays 71,175.00', async () => {
      await expectStatus(controller().post('/steering/HRO-NY/2025/year-close', { reason: 'Jahresabschluss 2025', businessDate: '2026-01-15' }), 200);
      expect(await committedByYear('NY-25-001')).toEqual({ 2025: '59670.00', 2026: '71175.00' });
      await t.settle();
      const utilisation = await expectStatus(controller().get('/steering/HRO-NY/2026/utilisation'), 200);
      expect(utilisation.body.forecast).toBe('71175.00');
      const events = await t.db.query(`select count(*)::int as n from es_events where type = 'ApprovalRolledOver' and data->>'approvalId' = $1`, [approvalId]);
      expect(events.rows[0].n).toBe(1);
    });

    it('the invoice of January 2026 is verified and paid in the new year', async () => {
      const view = (await expectStatus(controller().get('/cases/NY-25-001'), 200)).body.approvals[0];
      const invoiceId = view.invoices.at(-1).invoiceId;
      await expectStatus(
        wiju(t, 'wiju-1').post(`/cases/NY-25-001/invoices/${invoiceId}/verifications`, { step: 'sachlich-richtig', businessDate: '2026-02-05' }),
        200,
      );
      await expectStatus(
        wiju(t, 'wiju-2').post(`/cases/NY-25-001/invoices/${invoiceId}/verifications`, { step: 'rechnerisch-richtig', businessDate: '2026-02-05' }),
        200,
      );
      const paid = await expectStatus(wiju(t, 'wiju-2').post(`/cases/NY-25-001/invoices/${invoiceId}/payment-order`, { businessDate: '2026-02-06' }), 200);
      expect(paid.body.approvals[0].invoices.at(-1).status).toBe('paid');
    });
  });
});
