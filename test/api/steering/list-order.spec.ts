import { createTestApp, TestApp } from '../../support/test-app';
import { invoiceAndPay, registerExampleMasterData } from '../cases/case-setup';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget } from '../flexible/flexible-setup';

/**
 * The lists of the utilisation and of the provider figures come in their documented order
 * (docs/architecture.md, "Order of lists"), not in the order the facts were booked: two
 * Sozialräume get the same facts in opposite orders and must answer the same lists, sorted by
 * their keys, from the read model and from the log alike.
 */
describe('order of the steering lists', () => {
  let t: TestApp;
  const caseworker = () => as(t, 'caseworker');
  const wiju = () => as(t, 'wiju');

  beforeAll(async () => {
    t = await createTestApp();
    for (const sozialraumId of ['HRO-OA', 'HRO-OB']) {
      await registerExampleMasterData(t, sozialraumId, `Ordnung ${sozialraumId}`);
      await openBudget(t, sozialraumId, 2025, { FS: '130000.00', FUE: '30000.00', FU: '40000.00' });
    }
  });
  afterAll(async () => t?.close());

  /** The same facts in each Sozialraum; only the order they are booked in differs. */
  function facts(sozialraumId: string, prefix: string) {
    const approve = async (caseRef: string, body: Record<string, unknown>): Promise<string> => {
      await expectStatus(caseworker().post('/cases', { caseRef, sozialraumId }), 201);
      return (await expectStatus(caseworker().post(`/cases/${caseRef}/approvals`, body), 201)).body.approvals[0].approvalId;
    };
    const highCost = `${prefix}-25-001`;
    const excluded = `${prefix}-25-002`;
    let highCostApproval = '';
    return {
      highCost: async () => {
        highCostApproval = await approve(highCost, {
          legalBasis: '34',
          providerId: 'TR-F',
          start: '2025-10-01',
          end: '2025-12-31',
          bescheidDate: '2025-09-24',
          rate: '340.00',
          rateReason: 'Intensivgruppe',
        });
        await invoiceAndPay(t, highCost, highCostApproval, 'TR-F', '2025-10', '31', { submitted: '2025-11-03' });
      },
      kostenbeitrag: async () =>
        expectStatus(
          wiju().post(`/cases/${highCost}/kostenbeitraege`, {
            approvalId: highCostApproval,
            monthlyAmount: '100.00',
            from: '2025-10-01',
            to: '2025-12-31',
            businessDate: '2025-10-10',
          }),
          201,
        ),
      kostenerstattung: async () =>
        expectStatus(
          wiju().post(`/cases/${highCost}/kostenerstattungen`, {
            approvalId: highCostApproval,
            debtorAuthority: 'LRO-JA',
            serviceMonth: '2025-10',
            amount: '500.00',
            reference: `KE-${prefix}`,
            businessDate: '2025-11-10',
          }),
          201,
        ),
      excluded: async () => {
        const approvalId = await approve(excluded, {
          legalBasis: '42',
          providerId: 'TR-F',
          start: '2025-10-06',
          end: '2025-10-19',
          bescheidDate: '2025-10-06',
        });
        await invoiceAndPay(t, excluded, approvalId, 'TR-F', '2025-10', '14', { submitted: '2025-11-03' });
      },
      spfh: async () =>
        approve(`${prefix}-25-003`, {
          legalBasis: '31',
          providerId: 'TR-E',
          start: '2025-01-01',
          end: '2025-12-31',
          bescheidDate: '2024-12-15',
          hoursPerMonth: '20',
        }),
      tagesgruppe: async () =>
        approve(`${prefix}-25-004`, { legalBasis: '32', providerId: 'TR-G', start: '2025-05-01', end: '2025-12-31', bescheidDate: '2025-04-10' }),
    };
  }

  it('gives the same lists, sorted by their keys, whatever order the facts were booked in', async () => {
    const a = facts('HRO-OA', 'OA');
    for (const step of [a.spfh, a.tagesgruppe, a.excluded, a.highCost, a.kostenbeitrag, a.kostenerstattung]) await step();
    const b = facts('HRO-OB', 'OB');
    for (const step of [b.highCost, b.kostenerstattung, b.kostenbeitrag, b.excluded, b.tagesgruppe, b.spfh]) await step();
    await t.settle();

    const controller = as(t, 'controller');
    const knownAt = new Date().toISOString();
    for (const view of ['', `?knownAt=${encodeURIComponent(knownAt)}`]) {
      const [ua, ub] = await Promise.all(
        ['HRO-OA', 'HRO-OB'].map(async (s) => (await expectStatus(controller.get(`/steering/${s}/2025/utilisation${view}`), 200)).body),
      );
      expect(ua.source).toBe(view ? 'event-log' : 'read-model');
      expect({ ...ub, sozialraumId: 'HRO-OA' }).toEqual(ua);
      expect(ua.outOfBudget).toEqual([
        { reason: 'excluded-legal-basis', forecast: '3080.00', actual: '3080.00' },
        { reason: 'high-cost', forecast: '31280.00', actual: '10540.00' },
      ]);
      expect(ua.revenue).toEqual([
        { kind: 'kostenbeitrag', amount: '300.00' },
        { kind: 'kostenerstattung', amount: '500.00' },
      ]);
      expect(ua.providers.map((p: any) => [p.providerId, p.category])).toEqual([
        ['TR-E', 'FS'],
        ['TR-G', 'FS'],
      ]);
    }

    const figures = (await expectStatus(as(t, 'provider', 'TR-F').get('/provider-figures/TR-F/2025'), 200)).body;
    expect(figures.lines.map((l: any) => [l.sozialraumId, l.outOfBudgetReason, l.months.map((m: any) => m.month)])).toEqual([
      ['HRO-OA', 'excluded-legal-basis', ['2025-10']],
      ['HRO-OA', 'high-cost', ['2025-10', '2025-11', '2025-12']],
      ['HRO-OB', 'excluded-legal-basis', ['2025-10']],
      ['HRO-OB', 'high-cost', ['2025-10', '2025-11', '2025-12']],
    ]);
  });
});
