import { daysInMonth, monthsBetween, nextMonth } from '../../../libs/calendar';
import { TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget } from '../flexible/flexible-setup';
import { invoiceAndPay, registerExampleMasterData } from '../cases/case-setup';

/** Schedules a step of the year on a business date; steps of one day run in the order scheduled. */
export type At = (date: string, run: () => Promise<unknown>) => void;

/**
 * The year of docs/example-toitenwinkel-2025.md driven through the public API in business-date
 * order: approvals, invoices, Kostenbeitrag, subsidies, the Stadtteilfest, the reallocation, the
 * termination, month closes and the 2026 allocation. `more` adds steps of a test's own (markers
 * of what was known when, the target agreement of the indicator example) into the same order.
 */
export async function driveToitenwinkelYear(t: TestApp, more: (at: At) => void = () => undefined): Promise<{ approvals: Record<string, string> }> {
  const base = '/budgets/HRO-TW/2025';
  const controller = () => as(t, 'controller');
  const caseworker = () => as(t, 'caseworker');
  const trE = () => as(t, 'provider', 'TR-E');
  const months = monthsBetween('2025-01', '2025-12');
  const approvals: Record<string, string> = {};
  type Action = { date: string; run: () => Promise<unknown> };
  const actions: Action[] = [];
  const at = (date: string, run: () => Promise<unknown>) => actions.push({ date, run });

  async function approve(caseRef: string, body: Record<string, unknown>) {
    await expectStatus(caseworker().post('/cases', { caseRef, sozialraumId: 'HRO-TW' }), 201);
    const res = await expectStatus(caseworker().post(`/cases/${caseRef}/approvals`, body), 201);
    approvals[caseRef] = res.body.approvals[0].approvalId;
  }

  const cases: Array<{
    ref: string;
    provider: string;
    bescheid: string;
    body: Record<string, unknown>;
    months: string[];
    quantity: (m: string) => string | undefined;
  }> = [
    {
      ref: 'TW-25-001',
      provider: 'TR-E',
      bescheid: '2024-12-15',
      body: { legalBasis: '31', start: '2025-01-01', end: '2025-12-31', hoursPerMonth: '20' },
      months,
      quantity: () => '20',
    },
    {
      ref: 'TW-25-002',
      provider: 'TR-F',
      bescheid: '2025-02-20',
      body: { legalBasis: '34', start: '2025-03-01' },
      months: monthsBetween('2025-03', '2025-12'),
      quantity: (m) => String(daysInMonth(2025, Number(m.slice(5)))),
    },
    {
      ref: 'TW-25-003',
      provider: 'TR-E',
      bescheid: '2025-01-20',
      body: { legalBasis: '35a', setting: 'ambulant', start: '2025-02-01', end: '2025-07-31', hoursPerMonth: '60' },
      months: monthsBetween('2025-02', '2025-07'),
      quantity: (m) => (m === '2025-03' ? '45' : '60'),
    },
    {
      ref: 'TW-25-004',
      provider: 'TR-G',
      bescheid: '2025-04-10',
      body: { legalBasis: '32', start: '2025-05-01' },
      months: monthsBetween('2025-05', '2025-09'),
      quantity: () => undefined,
    },
    {
      ref: 'TW-25-005',
      provider: 'TR-E',
      bescheid: '2025-06-05',
      body: { legalBasis: '30', start: '2025-07-01', end: '2025-12-31', hoursPerMonth: '10' },
      months: monthsBetween('2025-07', '2025-12'),
      quantity: () => '10',
    },
    {
      ref: 'TW-25-006',
      provider: 'TR-F',
      bescheid: '2025-10-06',
      body: { legalBasis: '42', start: '2025-10-06', end: '2025-10-19' },
      months: ['2025-10'],
      quantity: () => '14',
    },
    {
      ref: 'TW-25-007',
      provider: 'TR-F',
      bescheid: '2025-09-24',
      body: { legalBasis: '34', start: '2025-10-01', rate: '340.00', rateReason: 'Intensivgruppe, Einzelvereinbarung' },
      months: monthsBetween('2025-10', '2025-12'),
      quantity: (m) => String(daysInMonth(2025, Number(m.slice(5)))),
    },
  ];

  {
    await registerExampleMasterData(t);
    await openBudget(t, 'HRO-TW', 2025, { FS: '130000.00', FUE: '30000.00', FU: '40000.00' });

    for (const c of cases) at(c.bescheid, () => approve(c.ref, { ...c.body, providerId: c.provider, bescheidDate: c.bescheid }));
    for (const c of cases) {
      for (const m of c.months) {
        const verified = c.ref === 'TW-25-003' && m === '2025-03' ? '2025-04-08' : `${nextMonth(m)}-05`;
        at(verified, () => invoiceAndPay(t, c.ref, approvals[c.ref], c.provider, m, c.quantity(m), { submitted: `${nextMonth(m)}-03`, verified }));
      }
    }
    at('2025-03-10', () =>
      expectStatus(
        as(t, 'wiju').post('/cases/TW-25-002/kostenbeitraege', {
          approvalId: approvals['TW-25-002'],
          monthlyAmount: '180.00',
          from: '2025-03-01',
          businessDate: '2025-03-10',
        }),
        201,
      ),
    );
    at('2025-09-15', () =>
      expectStatus(
        caseworker().post(`/cases/TW-25-004/approvals/${approvals['TW-25-004']}/termination`, {
          reason: 'abbruch',
          effectiveEnd: '2025-09-30',
          businessDate: '2025-09-15',
        }),
        200,
      ),
    );

    const fueMonths = ['2025-02', '2025-05', '2025-08', '2025-11'];
    at('2025-01-15', () =>
      expectStatus(
        controller().post(`${base}/subsidies`, {
          providerId: 'TR-E',
          category: 'FUE',
          purpose: 'Elternkurse',
          total: '24000.00',
          instalments: fueMonths.map((m) => ({ dueDate: `${m}-03`, amount: '6000.00' })),
          businessDate: '2025-01-15',
        }),
        201,
      ),
    );
    at('2025-01-15', () =>
      expectStatus(
        controller().post(`${base}/subsidies`, {
          providerId: 'TR-E',
          category: 'FU',
          purpose: 'Jugendtreff Toitenwinkel',
          total: '30000.00',
          instalments: months.map((m) => ({ dueDate: `${m}-15`, amount: '2500.00' })),
          businessDate: '2025-01-15',
        }),
        201,
      ),
    );
    fueMonths.forEach((m, i) =>
      at(`${m}-03`, () =>
        expectStatus(as(t, 'wiju').post(`${base}/subsidies/ZUW-2025-1/instalments/R${i + 1}/payment-order`, { businessDate: `${m}-03` }), 200),
      ),
    );
    months.forEach((m, i) =>
      at(`${m}-15`, () =>
        expectStatus(as(t, 'wiju').post(`${base}/subsidies/ZUW-2025-2/instalments/R${i + 1}/payment-order`, { businessDate: `${m}-15` }), 200),
      ),
    );
    at('2025-04-25', () =>
      expectStatus(
        trE().post(`${base}/activities`, {
          category: 'FU',
          activityDate: '2025-06-14',
          amount: '2800.00',
          description: 'Stadtteilfest Toitenwinkel',
          businessDate: '2025-04-25',
        }),
        201,
      ),
    );
    at('2025-05-02', () => expectStatus(controller().post(`${base}/activities/AKT-2025-1/approval`, { businessDate: '2025-05-02' }), 200));
    at('2025-05-20', () =>
      expectStatus(
        trE().post(`${base}/reallocations`, { from: 'FUE', to: 'FU', amount: '5000.00', reason: 'mehr offene Jugendarbeit', businessDate: '2025-05-20' }),
        201,
      ),
    );
    at('2025-06-01', () =>
      expectStatus(controller().post(`${base}/reallocations/UMS-2025-1/agreement`, { reason: 'einverstanden', businessDate: '2025-06-01' }), 200),
    );
    at('2025-06-20', () => expectStatus(trE().post(`${base}/activities/AKT-2025-1/actual-report`, { amount: '2800.00', businessDate: '2025-06-20' }), 200));
    months.forEach((m) =>
      at(`${nextMonth(m)}-09`, () =>
        expectStatus(controller().post('/steering/HRO-TW/2025/month-closes', { month: m, businessDate: `${nextMonth(m)}-09` }), 201),
      ),
    );
    at('2025-12-10', () =>
      expectStatus(
        controller().post('/budgets', {
          sozialraumId: 'HRO-TW',
          fiscalYear: 2026,
          planned: { FS: '130000.00', FUE: '30000.00', FU: '40000.00' },
          reason: 'Haushalt 2026',
          businessDate: '2025-12-10',
        }),
        201,
      ),
    );

    more(at);
    // Stable sort: actions of one day keep the order in which they were listed.
    for (const action of actions.map((a, i) => ({ ...a, i })).sort((a, b) => a.date.localeCompare(b.date) || a.i - b.i)) await action.run();
    await t.settle();
  }
  return { approvals };
}
