import { monthsBetween } from '../../../libs/calendar';
import { LedgerEvent, ledgerLines, isLedgerEventType } from '../../ledger';
import { Decimal, formatAmount } from '../../../libs/money';
import { deciderSpec } from '../../../test/support/decider-spec';
import { decideApproveActivity, decideReportActivity, decideReportActivityActual } from './activity.decisions';
import { FlexibleBudgetEvent, FlexibleBudgetState, flexibleBudgetDecider } from './flexible-budget';
import { flexibleFigures } from './flexible-figures';
import { TOITENWINKEL, TOITENWINKEL_VERBUND, YEAR, d, onDate, reallocatedFueToFu } from './flexible.fixtures';
import { decideGrantSubsidy, decideOrderInstalmentPayment } from './subsidy.decisions';

/**
 * The flexible part of docs/example-toitenwinkel-2025.md, decided in memory: each decision is
 * taken on the events recorded before it, as the budget stream would hold them.
 */
describe('Toitenwinkel 2025, flexible money', () => {
  let history: FlexibleBudgetEvent[] = [...TOITENWINKEL];
  const record = <C, F>(
    spec: { given(events: FlexibleBudgetEvent[]): { when(command: C, facts?: F): { events(): FlexibleBudgetEvent[] } } },
    on: string,
    command: C,
    facts?: F,
  ) => {
    history = [...history, ...onDate(on, spec.given(history).when(command, facts).events())];
  };
  const grant = deciderSpec(flexibleBudgetDecider, decideGrantSubsidy);
  const report = deciderSpec(flexibleBudgetDecider, decideReportActivity);
  const approve = deciderSpec(flexibleBudgetDecider, decideApproveActivity);
  const reportActual = deciderSpec(flexibleBudgetDecider, decideReportActivityActual);
  const pay = deciderSpec(flexibleBudgetDecider, decideOrderInstalmentPayment);
  const registered = { providerRegistered: true };
  const months = monthsBetween('2025-01', '2025-12');

  record(
    grant,
    '2025-01-15',
    {
      ...YEAR,
      providerId: 'TR-E',
      category: 'FUE',
      purpose: 'Elternkurse',
      total: d('24000'),
      instalments: ['02', '05', '08', '11'].map((m) => ({ dueDate: `2025-${m}-03`, amount: d('6000') })),
      bescheidDate: '2025-01-15',
    },
    registered,
  );
  record(
    grant,
    '2025-01-15',
    {
      ...YEAR,
      providerId: 'TR-E',
      category: 'FU',
      purpose: 'Jugendtreff Toitenwinkel',
      total: d('30000'),
      instalments: months.map((m) => ({ dueDate: `${m}-15`, amount: d('2500') })),
      bescheidDate: '2025-01-15',
    },
    registered,
  );
  record(
    report,
    '2025-04-25',
    { ...YEAR, providerId: 'TR-E', category: 'FU', activityDate: '2025-06-14', amount: d('2800'), description: 'Stadtteilfest', evidenceReference: null },
    { verbund: TOITENWINKEL_VERBUND },
  );
  record(approve, '2025-05-02', { ...YEAR, activityId: 'AKT-2025-1', amount: null, bescheidDate: '2025-05-02' });
  history = [...history, ...reallocatedFueToFu()];
  record(reportActual, '2025-06-20', { ...YEAR, activityId: 'AKT-2025-1', providerId: 'TR-E', amount: d('2800'), businessDate: '2025-06-20' });
  for (const [id, on] of [
    ['R1', '2025-02-03'],
    ['R2', '2025-05-03'],
    ['R3', '2025-08-03'],
    ['R4', '2025-11-03'],
  ]) {
    record(pay, on, { ...YEAR, subsidyId: 'ZUW-2025-1', instalmentId: id, businessDate: on });
  }
  months.forEach((m, i) => record(pay, `${m}-15`, { ...YEAR, subsidyId: 'ZUW-2025-2', instalmentId: `R${i + 1}`, businessDate: `${m}-15` }));
  const state = (): FlexibleBudgetState => grant.given(history).state;

  it('ends the year with the figures of the example', () => {
    expect(flexibleFigures(state())).toEqual([
      {
        category: 'FUE',
        name: 'fallübergreifend',
        planned: '25000.00',
        granted: '24000.00',
        paid: '24000.00',
        open: '0.00',
        available: '1000.00',
        frozen: false,
      },
      {
        category: 'FU',
        name: 'fallunspezifisch',
        planned: '45000.00',
        granted: '32800.00',
        paid: '32800.00',
        open: '0.00',
        available: '12200.00',
        frozen: false,
      },
    ]);
  });

  it('accrues the monthly actuals of the example', () => {
    const actual = new Map<string, Decimal>();
    for (const event of history) {
      if (!isLedgerEventType(event.type)) continue;
      for (const line of ledgerLines(event as LedgerEvent)) {
        if (line.measure !== 'actual') continue;
        const key = `${line.category}/${line.month}`;
        actual.set(key, (actual.get(key) ?? new Decimal(0)).plus(line.amount));
      }
    }
    const column = (category: string) => months.map((m) => formatAmount(actual.get(`${category}/${m}`) ?? 0));
    expect(column('FUE')).toEqual(['0.00', '6000.00', '0.00', '0.00', '6000.00', '0.00', '0.00', '6000.00', '0.00', '0.00', '6000.00', '0.00']);
    expect(column('FU')).toEqual(months.map((m) => (m === '2025-06' ? '5300.00' : '2500.00')));
  });
});
