import { monthsBetween } from '../../../libs/calendar';
import { ledgerLines, LedgerEvent, isLedgerEventType } from '../../ledger';
import { Decimal, formatAmount } from '../../../libs/money';
import { decideApproveActivity, decideReportActivity, decideReportActivityActual } from './activity.decisions';
import { flexibleFigures } from './flexible-figures';
import { d, reallocateFueToFu, toitenwinkel, TOITENWINKEL_VERBUND } from './flexible.fixtures';
import { decideGrantSubsidy, decideOrderInstalmentPayment } from './subsidy.decisions';

/** The flexible part of docs/example-toitenwinkel-2025.md, decided in memory. */
describe('Toitenwinkel 2025, flexible money', () => {
  const stream = toitenwinkel();
  const months = monthsBetween('2025-01', '2025-12');
  stream.decide('2025-01-15', (s) =>
    decideGrantSubsidy(
      { providerId: 'TR-E', category: 'FUE', purpose: 'Elternkurse', total: d('24000'), instalments: ['02', '05', '08', '11'].map((m) => ({ dueDate: `2025-${m}-03`, amount: d('6000') })), bescheidDate: '2025-01-15' },
      s,
      'HRO-TW',
      2025,
    ),
  );
  stream.decide('2025-01-15', (s) =>
    decideGrantSubsidy(
      { providerId: 'TR-E', category: 'FU', purpose: 'Jugendtreff Toitenwinkel', total: d('30000'), instalments: months.map((m) => ({ dueDate: `${m}-15`, amount: d('2500') })), bescheidDate: '2025-01-15' },
      s,
      'HRO-TW',
      2025,
    ),
  );
  stream.decide('2025-04-25', (s) =>
    decideReportActivity({ providerId: 'TR-E', category: 'FU', activityDate: '2025-06-14', amount: d('2800'), description: 'Stadtteilfest', evidenceReference: null }, s, 'HRO-TW', 2025, TOITENWINKEL_VERBUND),
  );
  stream.decide('2025-05-02', (s) => decideApproveActivity({ activityId: 'AKT-2025-1', amount: null, bescheidDate: '2025-05-02' }, s, 'HRO-TW', 2025));
  reallocateFueToFu(stream);
  stream.decide('2025-06-20', (s) => decideReportActivityActual({ activityId: 'AKT-2025-1', providerId: 'TR-E', amount: d('2800'), businessDate: '2025-06-20' }, s, 'HRO-TW', 2025));
  for (const [id, on] of [['R1', '2025-02-03'], ['R2', '2025-05-03'], ['R3', '2025-08-03'], ['R4', '2025-11-03']]) {
    stream.decide(on, (s) => decideOrderInstalmentPayment({ subsidyId: 'ZUW-2025-1', instalmentId: id, businessDate: on }, s, 'HRO-TW', 2025));
  }
  months.forEach((m, i) => stream.decide(`${m}-15`, (s) => decideOrderInstalmentPayment({ subsidyId: 'ZUW-2025-2', instalmentId: `R${i + 1}`, businessDate: `${m}-15` }, s, 'HRO-TW', 2025)));

  it('ends the year with the figures of the example', () => {
    expect(flexibleFigures(stream.state)).toEqual([
      { category: 'FUE', name: 'fallübergreifend', planned: '25000.00', granted: '24000.00', paid: '24000.00', open: '0.00', available: '1000.00', frozen: false },
      { category: 'FU', name: 'fallunspezifisch', planned: '45000.00', granted: '32800.00', paid: '32800.00', open: '0.00', available: '12200.00', frozen: false },
    ]);
  });

  it('accrues the monthly actuals of the example', () => {
    const actual = new Map<string, Decimal>();
    for (const event of stream.events) {
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
