import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget, registerSozialraum } from '../flexible/flexible-setup';

describe('frozen flexible money and a closed year', () => {
  let t: TestApp;
  const controller = () => as(t, 'controller');
  const category = (body: any, c: string) => body.categories.find((x: any) => x.category === c);
  const grant = (category: 'FUE' | 'FU', purpose: string, total: string, businessDate: string) => ({
    providerId: 'TR-E',
    category,
    purpose,
    total,
    instalments: [{ dueDate: `${businessDate.slice(0, 7)}-28`, amount: total }],
    businessDate,
  });

  async function expectRefused(pending: Promise<{ status: number; body: any }>, status: number, type: string) {
    const before = await t.eventCount();
    const res = await pending;
    expect({ status: res.status, type: res.body.type }).toEqual({ status, type });
    expect(await t.eventCount()).toBe(before);
    return res;
  }

  beforeAll(async () => {
    t = await createTestApp();
    await registerSozialraum(t, 'HRO-TW', 'Toitenwinkel', 'TR-E', ['TR-F']);
    await registerSozialraum(t, 'HRO-GK', 'Groß Klein', 'TR-E');
    await openBudget(t, 'HRO-TW', 2025, { FS: '130000.00', FUE: '30000.00', FU: '40000.00' });
  });
  afterAll(async () => t?.close());

  describe('freeze (R8)', () => {
    const base = '/budgets/HRO-TW/2025';

    it('freezes FU and FÜ: new flexible commitments are refused, planned amounts and B stay', async () => {
      const frozen = await expectStatus(
        controller().post(`${base}/freeze`, { categories: ['FU', 'FUE'], reason: 'Haushaltssperre § 29 GemHVO', businessDate: '2025-08-01' }),
        200,
      );
      expect(frozen.body.categories.map((c: any) => [c.category, c.planned, c.frozen])).toEqual([
        ['FS', '130000.00', undefined],
        ['FUE', '30000.00', true],
        ['FU', '40000.00', true],
      ]);
      expect(frozen.body.total).toBe('200000.00');
      expect(frozen.body.history.at(-1)).toMatchObject({
        type: 'BudgetFreezeImposed',
        businessDate: '2025-08-01',
        actor: { role: 'controller', organisationId: 'HRO-JA' },
        data: { categories: ['FU', 'FUE'], reason: 'Haushaltssperre § 29 GemHVO' },
      });
      await expectRefused(controller().post(`${base}/subsidies`, grant('FU', 'Ferienfahrt', '500.00', '2025-08-05')), 422, '/problems/budget-frozen');
      await expectRefused(controller().post(`${base}/subsidies`, grant('FUE', 'Elternabende', '800.00', '2025-08-05')), 422, '/problems/budget-frozen');
      await expectRefused(controller().post(`${base}/freeze`, { categories: ['FU'], reason: 'nochmal' }), 422, '/problems/already-frozen');
      await expectRefused(controller().post(`${base}/freeze`, { categories: ['FS'], reason: 'Fallhilfen sperren' }), 422, '/problems/freeze-only-flexible');
    });

    it('never blocks a legal entitlement: an approval (fallspezifisch) is granted during the freeze', async () => {
      await expectStatus(as(t, 'caseworker').post('/cases', { caseRef: 'TW-25-090', sozialraumId: 'HRO-TW' }), 201);
      const approved = await expectStatus(
        as(t, 'caseworker').post('/cases/TW-25-090/approvals', {
          legalBasis: '35',
          providerId: 'TR-E',
          start: '2025-09-01',
          end: '2025-12-31',
          bescheidDate: '2025-08-10',
          rateType: 'monthly',
          rate: '1500.00',
          rateReason: 'Einzelvereinbarung',
        }),
        201,
      );
      expect(approved.body.approvals[0].years[0]).toMatchObject({ committed: '6000.00' });
    });

    it('lifting one category frees only that one', async () => {
      const lifted = await expectStatus(
        controller().post(`${base}/freeze-lifting`, { categories: ['FUE'], reason: 'Sperre für Elternarbeit aufgehoben', businessDate: '2025-08-20' }),
        200,
      );
      expect([category(lifted.body, 'FUE').frozen, category(lifted.body, 'FU').frozen]).toEqual([false, true]);
      await expectStatus(controller().post(`${base}/subsidies`, grant('FUE', 'Elternabende', '800.00', '2025-08-21')), 201);
      await expectRefused(controller().post(`${base}/subsidies`, grant('FU', 'Ferienfahrt', '500.00', '2025-08-21')), 422, '/problems/budget-frozen');
      await expectRefused(controller().post(`${base}/freeze-lifting`, { categories: ['FUE'], reason: 'nochmal' }), 422, '/problems/not-frozen');
      await expectStatus(
        controller().post(`${base}/freeze-lifting`, { categories: ['FU'], reason: 'Haushaltssperre beendet', businessDate: '2025-09-01' }),
        200,
      );
      await expectStatus(controller().post(`${base}/subsidies`, grant('FU', 'Ferienfahrt', '500.00', '2025-09-02')), 201);
      const after = await expectStatus(controller().get(base), 200);
      expect([category(after.body, 'FUE').bound, category(after.body, 'FU').bound, category(after.body, 'FU').available]).toEqual([
        '800.00',
        '500.00',
        '39500.00',
      ]);
    });
  });

  describe('closed year', () => {
    const base = '/budgets/HRO-GK/2024';

    beforeAll(async () => {
      await expectStatus(
        controller().post('/budgets', {
          sozialraumId: 'HRO-GK',
          fiscalYear: 2024,
          planned: { FS: '150000.00', FUE: '25000.00', FU: '35000.00' },
          reason: 'Haushalt 2024',
          businessDate: '2023-12-12',
        }),
        201,
      );
      await expectStatus(controller().post(`${base}/opening`, { reason: 'Haushalt rechtskräftig', businessDate: '2024-01-01' }), 200);
      // A proposal still open when the year closes.
      await expectStatus(
        as(t, 'provider', 'TR-E').post(`${base}/reallocations`, {
          from: 'FUE',
          to: 'FU',
          amount: '1000.00',
          reason: 'Jugendtreff',
          businessDate: '2024-11-20',
        }),
        201,
      );
      await expectStatus(controller().post('/steering/HRO-GK/2024/year-close', { reason: 'Jahresabschluss 2024', businessDate: '2025-01-20' }), 200);
    });

    it('shows the year as closed with its figures and the closing in the history', async () => {
      const overview = await expectStatus(controller().get(base), 200);
      expect(overview.body).toMatchObject({ status: 'closed', total: '210000.00' });
      expect(overview.body.history.at(-1)).toMatchObject({ type: 'BudgetClosed', businessDate: '2025-01-20', data: { reason: 'Jahresabschluss 2024' } });
      await t.settle();
      const closed = await expectStatus(controller().get('/budgets?status=closed'), 200);
      expect(closed.body.items.map((b: any) => [b.sozialraumId, b.fiscalYear, b.total])).toEqual([['HRO-GK', 2024, '210000.00']]);
    });

    it('refuses every booking and planning change with 422 fiscal-year-closed and writes nothing', async () => {
      const lead = as(t, 'provider', 'TR-E');
      await expectRefused(
        controller().post(`${base}/amendments`, {
          category: 'FU',
          amount: '36000.00',
          reason: 'zu spät',
          decisionReference: 'BV 2025/0001',
          businessDate: '2024-12-20',
        }),
        422,
        '/problems/fiscal-year-closed',
      );
      await expectRefused(controller().post(`${base}/subsidies`, grant('FU', 'Weihnachtsfeier', '300.00', '2024-12-01')), 422, '/problems/fiscal-year-closed');
      await expectRefused(
        controller().post(`${base}/reallocations`, { from: 'FUE', to: 'FU', amount: '100.00', reason: 'x', businessDate: '2024-12-20' }),
        422,
        '/problems/fiscal-year-closed',
      );
      await expectRefused(
        controller().post(`${base}/reallocations/UMS-2024-1/agreement`, { reason: 'ja', businessDate: '2024-12-20' }),
        422,
        '/problems/fiscal-year-closed',
      );
      await expectRefused(lead.post(`${base}/reallocations/UMS-2024-1/withdrawal`, { reason: 'erledigt' }), 422, '/problems/fiscal-year-closed');
      await expectRefused(controller().post(`${base}/freeze`, { categories: ['FU'], reason: 'x' }), 422, '/problems/fiscal-year-closed');
      await expectRefused(controller().post(`${base}/opening`, { reason: 'wieder öffnen' }), 422, '/problems/fiscal-year-closed');
      await expectRefused(controller().post('/steering/HRO-GK/2024/year-close', { reason: 'nochmal' }), 422, '/problems/fiscal-year-closed');
      const overview = await expectStatus(controller().get(base), 200);
      expect(overview.body.categories.map((c: any) => [c.category, c.planned])).toEqual([
        ['FS', '150000.00'],
        ['FUE', '25000.00'],
        ['FU', '35000.00'],
      ]);
    });

    it('the next year of the same Sozialraum is not affected', async () => {
      await expectStatus(
        controller().post('/budgets', {
          sozialraumId: 'HRO-GK',
          fiscalYear: 2025,
          planned: { FS: '160000.00', FUE: '25000.00', FU: '35000.00' },
          reason: 'Haushalt 2025',
          businessDate: '2024-12-10',
        }),
        201,
      );
      await expectStatus(controller().post('/budgets/HRO-GK/2025/opening', { reason: 'Haushalt rechtskräftig', businessDate: '2025-01-01' }), 200);
      const amended = await expectStatus(
        controller().post('/budgets/HRO-GK/2025/amendments', {
          category: 'FU',
          amount: '36000.00',
          reason: 'Nachtrag Jugendarbeit',
          decisionReference: 'BV 2025/0077',
          businessDate: '2025-02-10',
        }),
        200,
      );
      expect(amended.body).toMatchObject({ status: 'open', total: '221000.00' });
    });
  });
});
