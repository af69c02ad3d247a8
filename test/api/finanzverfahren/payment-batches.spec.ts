import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget } from '../flexible/flexible-setup';
import { invoiceAndPay, registerExampleMasterData } from '../cases/case-setup';

/**
 * The interface to the Finanzverfahren: payment orders of invoices, Storno and instalments out in
 * batches (each order in exactly one, one line per case or subsidy, the same file on every
 * export), and the payment feedback back in, reconciled without merging anything silently.
 */
describe('Finanzverfahren: batches of payment orders and the payment feedback', () => {
  let t: TestApp;
  const wiju = () => as(t, 'wiju');
  const base = '/budgets/HRO-TW/2025';
  let approvalId = '';
  const config = (creditors: Array<[string, string]>) => ({
    effectiveFrom: '2025-01-01',
    produkt: '363',
    accounts: [
      { category: 'FS', sachkonto: '533100' },
      { category: 'FS', legalBasis: '34', sachkonto: '533400' },
      { category: 'FUE', sachkonto: '531800' },
      { category: 'FU', sachkonto: '531810' },
    ],
    creditors: creditors.map(([providerId, creditorNumber]) => ({ providerId, creditorNumber })),
    reason: 'Kontenrahmen 2025 laut Kämmerei',
    businessDate: '2025-01-02',
  });
  const csvOf = async (path: string) => {
    const token = await t.token({ role: 'controller' });
    const res = await t
      .http()
      .get(path)
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    return res.body as Buffer;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await registerExampleMasterData(t);
    await openBudget(t, 'HRO-TW', 2025, { FS: '130000.00', FUE: '30000.00', FU: '40000.00' });
    const caseworker = as(t, 'caseworker');
    await expectStatus(caseworker.post('/cases', { caseRef: 'TW-25-001', sozialraumId: 'HRO-TW' }), 201);
    const granted = await expectStatus(
      caseworker.post('/cases/TW-25-001/approvals', {
        legalBasis: '31',
        providerId: 'TR-E',
        start: '2025-01-01',
        end: '2025-12-31',
        bescheidDate: '2024-12-15',
        hoursPerMonth: '20',
      }),
      201,
    );
    approvalId = granted.body.approvals[0].approvalId;
    await invoiceAndPay(t, 'TW-25-001', approvalId, 'TR-E', '2025-01', '20', { submitted: '2025-02-03', verified: '2025-02-05' });
    await invoiceAndPay(t, 'TW-25-001', approvalId, 'TR-E', '2025-02', '20', { submitted: '2025-03-03', verified: '2025-03-05' });
    await expectStatus(
      as(t, 'controller').post(`${base}/subsidies`, {
        providerId: 'TR-F',
        category: 'FU',
        purpose: 'Jugendtreff',
        total: '5000.00',
        instalments: [
          { dueDate: '2025-03-15', amount: '2500.00' },
          { dueDate: '2025-09-15', amount: '2500.00' },
        ],
        businessDate: '2025-01-15',
      }),
      201,
    );
    await expectStatus(wiju().post(`${base}/subsidies/ZUW-2025-1/instalments/R1/payment-order`, { businessDate: '2025-03-10' }), 200);
    await expectStatus(wiju().post('/cases/TW-25-001/invoices/TW-25-001-B1-R2/reversal', { reason: 'doppelt berechnet', businessDate: '2025-03-20' }), 200);
    await t.settle();
  });
  afterAll(async () => t?.close());

  it('refuses a batch while a payee has no creditor number or nothing is configured, writing nothing', async () => {
    await t.settle();
    const events = await t.eventCount();
    const unconfigured = await wiju().post('/finanzverfahren/batches', { businessDate: '2025-03-31' });
    expect(unconfigured.body).toMatchObject({ status: 422, type: '/problems/configuration-missing' });
    await expectStatus(as(t, 'admin').post('/finanzverfahren/configuration', config([['TR-E', '700001']])), 201);
    expect(await t.eventCount()).toBe(events + 1);
    const before = await t.eventCount();
    const missing = await wiju().post('/finanzverfahren/batches', { businessDate: '2025-03-31' });
    expect(missing.body).toMatchObject({ status: 422, type: '/problems/creditor-number-missing', providerIds: ['TR-F'] });
    expect(await t.eventCount()).toBe(before);
  });

  it('puts every order into one batch, each line with payee, creditor, Sachkonto, Kostenstelle, year and the case or subsidy it pays', async () => {
    await expectStatus(
      as(t, 'admin').post(
        '/finanzverfahren/configuration',
        config([
          ['TR-E', '700001'],
          ['TR-F', '700002'],
        ]),
      ),
      201,
    );
    const batch = await expectStatus(wiju().post('/finanzverfahren/batches', { businessDate: '2025-03-31' }), 201);
    expect(batch.headers.location).toBe('/finanzverfahren/batches/ZB-2025-0001');
    expect(batch.body).toMatchObject({ batchId: 'ZB-2025-0001', createdOn: '2025-03-31', total: '3800.00' });
    expect(
      batch.body.lines.map((l: any) => [
        l.anordnungsnummer,
        l.kind,
        l.payee.creditorNumber,
        l.amount,
        l.dueDate,
        l.sachkonto,
        l.kostenstelle,
        l.haushaltsjahr,
        l.reference,
      ]),
    ).toEqual([
      ['AO-2025-000001', 'invoice', '700001', '1300.00', '2025-02-05', '533100', 'HRO-TW', 2025, { caseRef: 'TW-25-001', invoiceId: 'TW-25-001-B1-R1' }],
      ['AO-2025-000002', 'invoice', '700001', '1300.00', '2025-03-05', '533100', 'HRO-TW', 2025, { caseRef: 'TW-25-001', invoiceId: 'TW-25-001-B1-R2' }],
      [
        'AO-2025-000003',
        'instalment',
        '700002',
        '2500.00',
        '2025-03-15',
        '531810',
        'HRO-TW',
        2025,
        { subsidyId: 'ZUW-2025-1', instalmentId: 'R1', purpose: 'Jugendtreff' },
      ],
      ['AO-2025-000004', 'reversal', '700001', '-1300.00', '2025-03-20', '533100', 'HRO-TW', 2025, { caseRef: 'TW-25-001', invoiceId: 'TW-25-001-B1-R2' }],
    ]);
    expect(batch.body.lines[0]).toMatchObject({
      produkt: '363',
      payee: { providerId: 'TR-E', name: expect.any(String) },
      purpose: 'Rechnung TW-25-001-B1-R1 Fall TW-25-001',
    });

    // Nothing new: no second batch; the same batch read again is the same, also as a file, byte for byte.
    const events = await t.eventCount();
    expect((await wiju().post('/finanzverfahren/batches', {})).body.type).toBe('/problems/nothing-to-export');
    expect(await t.eventCount()).toBe(events);
    expect((await expectStatus(as(t, 'controller').get('/finanzverfahren/batches/ZB-2025-0001'), 200)).body.lines).toEqual(batch.body.lines);
    const first = await csvOf('/finanzverfahren/batches/ZB-2025-0001/csv');
    const second = await csvOf('/finanzverfahren/batches/ZB-2025-0001/csv');
    expect(second.equals(first)).toBe(true);
    const lines = first.subarray(3).toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'Anordnungsnummer;Art;Kreditor;Zahlungsempfänger;Betrag;Fällig am;Produkt;Sachkonto;Kostenstelle;Haushaltsjahr;Fall oder Zuwendung;Rechnung oder Rate;Verwendungszweck;Anordnungsdatei',
    );
    expect(lines[4]).toMatch(/^AO-2025-000004;Absetzung;700001;.*;-1300,00;2025-03-20;363;533100;HRO-TW;2025;TW-25-001;TW-25-001-B1-R2;/);

    // A later order goes into the next batch, numbered on.
    await invoiceAndPay(t, 'TW-25-001', approvalId, 'TR-E', '2025-03', '20', { submitted: '2025-04-03', verified: '2025-04-05' });
    await t.settle();
    const next = await expectStatus(wiju().post('/finanzverfahren/batches', { businessDate: '2025-04-30' }), 201);
    expect(next.body.lines.map((l: any) => [l.anordnungsnummer, l.orderId])).toEqual([['AO-2025-000005', 'TW-25-001-B1-R3']]);
    const list = await expectStatus(as(t, 'auditor').get('/finanzverfahren/batches'), 200);
    expect(list.body).toEqual({
      items: [
        { batchId: 'ZB-2025-0001', createdOn: '2025-03-31', lines: 4, total: '3800.00' },
        { batchId: 'ZB-2025-0002', createdOn: '2025-04-30', lines: 1, total: '1300.00' },
      ],
      unbatched: 0,
    });
  });

  it('records the payments of the feedback and lists what does not fit: an unknown number, a different amount, a payment twice', async () => {
    const feedback = [
      'Anordnungsnummer;Bezahlt am;Belegnummer;Betrag',
      'AO-2025-000001;10.02.2025;FV-2025-1001;1.300,00',
      'AO-2025-000003;17.03.2025;FV-2025-1002;2.400,00',
      'AO-2025-009999;17.03.2025;FV-2025-1003;10,00',
      'AO-2025-000001;18.03.2025;FV-2025-1004;1.300,00',
    ].join('\r\n');
    const imported = await expectStatus(wiju().post('/finanzverfahren/feedback', { csv: feedback, businessDate: '2025-04-01' }), 201);
    expect(imported.body.payments.map((p: any) => [p.anordnungsnummer, p.paidOn, p.documentNumber])).toEqual([
      ['AO-2025-000001', '2025-02-10', 'FV-2025-1001'],
    ]);
    expect(imported.body.discrepancies.map((d: any) => [d.line, d.anordnungsnummer, d.kind])).toEqual([
      [3, 'AO-2025-000003', 'amount-differs'],
      [4, 'AO-2025-009999', 'unknown-order'],
      [5, 'AO-2025-000001', 'paid-twice'],
    ]);
    expect(imported.body.discrepancies[0].detail).toContain('angeordnet waren 2500.00');

    // Paid before: a later feedback naming it again is listed, not booked twice.
    const again = await expectStatus(
      wiju().post('/finanzverfahren/feedback', { csv: 'Anordnungsnummer;Bezahlt am;Belegnummer;Betrag\nAO-2025-000001;20.03.2025;FV-2025-2001;1300,00\n' }),
      201,
    );
    expect(again.body.discrepancies.map((d: any) => d.kind)).toEqual(['paid-twice']);
    expect(again.body.discrepancies[0].detail).toContain('bereits am 2025-02-10');

    const reconciliation = await expectStatus(as(t, 'controller').get('/finanzverfahren/reconciliation'), 200);
    const line = (ao: string) => reconciliation.body.lines.find((l: any) => l.anordnungsnummer === ao);
    expect(line('AO-2025-000001')).toMatchObject({ status: 'paid', paidOn: '2025-02-10', documentNumber: 'FV-2025-1001', batchId: 'ZB-2025-0001' });
    expect(line('AO-2025-000003')).toMatchObject({ status: 'exported', paidOn: null });
    expect(reconciliation.body.discrepancies).toHaveLength(4);
  });

  it('refuses a feedback file with a bad row, naming line and column, and applies nothing of it', async () => {
    await t.settle();
    const events = await t.eventCount();
    const bad = await wiju().post('/finanzverfahren/feedback', {
      csv: 'Anordnungsnummer;Bezahlt am;Belegnummer;Betrag\nAO-2025-000002;05.03.2025;FV-1;1.300,00\nAO-2025-000005;31.02.2025;FV-2;viel\n',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.type).toBe('/problems/feedback-invalid');
    expect(bad.body.rowErrors.map((e: any) => [e.line, e.column])).toEqual([
      [3, 'Bezahlt am'],
      [3, 'Betrag'],
    ]);
    expect(await t.eventCount()).toBe(events);
    const reconciliation = await expectStatus(as(t, 'controller').get('/finanzverfahren/reconciliation'), 200);
    expect(reconciliation.body.lines.find((l: any) => l.anordnungsnummer === 'AO-2025-000002').status).toBe('exported');
  });
});
