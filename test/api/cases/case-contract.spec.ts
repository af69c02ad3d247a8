import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { registerExampleMasterData, wiju } from './case-setup';

describe('individual help: what the contract promises', () => {
  let t: TestApp;
  const caseworker = () => as(t, 'caseworker');
  const trE = () => as(t, 'provider', 'TR-E');

  beforeAll(async () => {
    t = await createTestApp();
    await registerExampleMasterData(t, 'HRO-KV', 'Vertrag');
  });
  afterAll(async () => t?.close());

  it('a write that creates something answers 201 with its id at the top and the case as Location', async () => {
    const opened = await expectStatus(caseworker().post('/cases', { caseRef: 'KV-25-001', sozialraumId: 'HRO-KV' }), 201);
    expect(opened.headers.location).toBe('/cases/KV-25-001');
    expect(opened.body).toEqual({ caseRef: 'KV-25-001', sozialraumId: 'HRO-KV', version: 1, approvals: [] });

    const granted = await expectStatus(
      caseworker().post('/cases/KV-25-001/approvals', {
        legalBasis: '31',
        providerId: 'TR-E',
        start: '2025-01-01',
        end: '2025-06-30',
        bescheidDate: '2025-01-02',
        hoursPerMonth: '20',
      }),
      201,
    );
    expect(granted.body.approvalId).toBe('KV-25-001-B1');
    expect(granted.headers.location).toBe('/cases/KV-25-001');
    expect(granted.body.approvals[0].rates[0]).toMatchObject({ rate: '65.00', hoursPerMonth: '20', agreementId: expect.any(String) });

    const submitted = await expectStatus(
      trE().post('/cases/KV-25-001/approvals/KV-25-001-B1/invoices', {
        serviceMonth: '2025-01',
        quantity: '12.5',
        invoiceNumber: 'RE-KV-1',
        businessDate: '2025-02-03',
      }),
      201,
    );
    expect(submitted.body.invoiceId).toBe('KV-25-001-B1-R1');
    expect(submitted.headers.location).toBe('/cases/KV-25-001');
    expect(submitted.body.approvals[0].invoices[0]).toMatchObject({ invoiceId: 'KV-25-001-B1-R1', amount: '812.50', quantity: '12.5' });

    const fixed = await expectStatus(
      wiju(t, 'wiju-1').post('/cases/KV-25-001/kostenbeitraege', {
        approvalId: 'KV-25-001-B1',
        monthlyAmount: '50',
        from: '2025-01-01',
        businessDate: '2025-01-10',
      }),
      201,
    );
    expect(fixed.body.kostenbeitragId).toBe('KV-25-001-B1-KB1');
    expect(fixed.headers.location).toBe('/cases/KV-25-001');
    expect(fixed.body.approvals[0].kostenbeitraege[0]).toMatchObject({ kostenbeitragId: 'KV-25-001-B1-KB1', monthlyAmount: '50.00' });

    const claimed = await expectStatus(
      wiju(t, 'wiju-1').post('/cases/KV-25-001/kostenerstattungen', {
        approvalId: 'KV-25-001-B1',
        debtorAuthority: 'LRO-JA',
        serviceMonth: '2025-01',
        amount: '100.5',
        reference: 'KE-KV-1',
        businessDate: '2025-02-10',
      }),
      201,
    );
    expect(claimed.body.claimId).toBe('KV-25-001-B1-KE1');
    expect(claimed.headers.location).toBe('/cases/KV-25-001');
    expect(claimed.body.approvals[0].kostenerstattungen[0]).toMatchObject({ claimId: 'KV-25-001-B1-KE1', amount: '100.50' });
  });

  it('refuses in German by default and in English on request, with the kind of the rule', async () => {
    const unknown = await as(t, 'controller').get('/cases/KV-25-999');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ type: '/problems/case-not-found', title: 'Fall nicht gefunden', detail: 'Der Fall KV-25-999 wurde nicht gefunden.' });

    const token = await t.token({ role: 'controller', sub: 'controller-en' });
    const english = await t.http().get('/cases/KV-25-999').set('authorization', `Bearer ${token}`).set('accept-language', 'en');
    expect(english.status).toBe(404);
    expect(english.body).toMatchObject({ type: '/problems/case-not-found', title: 'Case not found', detail: 'Case KV-25-999 was not found.' });

    await expectStatus(caseworker().post('/cases', { caseRef: 'KV-25-002', sozialraumId: 'HRO-KV' }), 201);
    const twice = await caseworker().post('/cases', { caseRef: 'KV-25-002', sozialraumId: 'HRO-KV' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ type: '/problems/case-exists', detail: 'Der Fall KV-25-002 ist bereits angelegt.' });

    const noRate = await caseworker().post('/cases/KV-25-002/approvals', {
      legalBasis: '34',
      providerId: 'TR-G',
      start: '2025-01-01',
      end: '2025-06-30',
      bescheidDate: '2025-01-02',
    });
    expect(noRate.status).toBe(422);
    expect(noRate.body).toMatchObject({ type: '/problems/rate-required', title: 'Entgelt erforderlich' });
  });

  it('answers the invoice refusals of R4 and the four eyes as declared', async () => {
    await expectStatus(caseworker().post('/cases', { caseRef: 'KV-25-003', sozialraumId: 'HRO-KV' }), 201);
    await expectStatus(
      caseworker().post('/cases/KV-25-003/approvals', {
        legalBasis: '31',
        providerId: 'TR-E',
        start: '2025-01-01',
        end: '2025-06-30',
        bescheidDate: '2025-01-02',
        hoursPerMonth: '20',
      }),
      201,
    );
    const invoice = (month: string, quantity: string) =>
      trE().post('/cases/KV-25-003/approvals/KV-25-003-B1/invoices', {
        serviceMonth: month,
        quantity,
        invoiceNumber: `RE-${month}`,
        businessDate: '2025-04-02',
      });
    expect((await invoice('2025-01', '21')).body).toMatchObject({ type: '/problems/invoice-exceeds-approval', approvedHours: '20' });
    await expectStatus(invoice('2025-01', '20'), 201);
    expect((await invoice('2025-01', '5')).body).toMatchObject({ type: '/problems/month-already-invoiced', invoiceId: 'KV-25-003-B1-R1' });
    expect((await invoice('2025-07', '5')).body).toMatchObject({ type: '/problems/outside-approved-period' });

    const pay = await wiju(t, 'wiju-1').post('/cases/KV-25-003/invoices/KV-25-003-B1-R1/payment-order', { businessDate: '2025-04-03' });
    expect(pay.body).toMatchObject({ type: '/problems/invoice-not-verified', status: 422 });
    await expectStatus(
      wiju(t, 'wiju-1').post('/cases/KV-25-003/invoices/KV-25-003-B1-R1/verifications', { step: 'sachlich-richtig', businessDate: '2025-04-03' }),
      200,
    );
    const same = await wiju(t, 'wiju-1').post('/cases/KV-25-003/invoices/KV-25-003-B1-R1/verifications', {
      step: 'rechnerisch-richtig',
      businessDate: '2025-04-03',
    });
    expect(same.body).toMatchObject({ type: '/problems/four-eyes-principle', title: 'Zweite Prüfung durch eine andere Person' });
    const missing = await wiju(t, 'wiju-2').post('/cases/KV-25-003/invoices/KV-25-003-B1-R9/verifications', { step: 'sachlich-richtig' });
    expect(missing.body).toMatchObject({ type: '/problems/invoice-not-found', status: 404 });
    const reversal = await wiju(t, 'wiju-2').post('/cases/KV-25-003/invoices/KV-25-003-B1-R1/reversal', { reason: 'Irrtum', businessDate: '2025-04-03' });
    expect(reversal.body).toMatchObject({ type: '/problems/invoice-not-paid' });
  });

  it('lists approvals and invoices in the declared shape; a provider asking for another provider finds none', async () => {
    const approvals = await expectStatus(as(t, 'controller').get('/approvals?sozialraumId=HRO-KV'), 200);
    await t.settle();
    const invoices = await expectStatus(as(t, 'controller').get('/invoices?sozialraumId=HRO-KV'), 200);
    expect(approvals.body).toHaveProperty('nextCursor');
    expect(invoices.body).toHaveProperty('nextCursor');
    const foreign = await trE().get('/invoices?providerId=TR-F');
    expect(foreign.body).toMatchObject({ type: '/problems/provider-not-found', status: 404 });
  });
});
