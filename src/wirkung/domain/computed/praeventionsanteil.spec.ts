import { Decimal } from '../../../../libs/money';
import { EventLog, toitenwinkelApprovals, toitenwinkelMoney } from './indicator-fixtures';
import { praeventionsanteil } from './praeventionsanteil';

describe('praeventionsanteil', () => {
  it('has no value without actual money, whatever the approvals', () => {
    expect(praeventionsanteil(new EventLog().input())).toEqual({ value: null, numerator: new Decimal(0), denominator: new Decimal(0), caseCount: null });
    expect(praeventionsanteil(toitenwinkelApprovals().input()).value).toBeNull();
  });

  it('reproduces the worked example: (24,000.00 + 32,800.00) / 161,502.50 = 35.17 %', () => {
    const m = praeventionsanteil(toitenwinkelMoney(toitenwinkelApprovals()).input());
    expect(m.numerator.toFixed(2)).toBe('56800.00');
    expect(m.denominator?.toFixed(2)).toBe('161502.50');
    expect(m.value?.equals(new Decimal('56800').div('161502.50').times(100))).toBe(true);
    expect(m.value?.toFixed(2)).toBe('35.17');
    expect(m.caseCount).toBeNull();
  });

  it('nets a reversal out of the actual', () => {
    const log = new EventLog()
      .accrue({ category: 'FS', month: '2025-03', amount: '600.00', sourceId: 'A' })
      .accrue({ category: 'FU', month: '2025-03', amount: '400.00', sourceId: 'TREFF' })
      .accrue({ category: 'FUE', month: '2025-04', amount: '250.00', sourceId: 'ELTERN' })
      .reverse({ category: 'FUE', month: '2025-04', amount: '250.00', sourceId: 'ELTERN' });
    expect(praeventionsanteil(log.input())).toEqual(
      expect.objectContaining({ numerator: new Decimal(400), denominator: new Decimal(1000), value: new Decimal(40) }),
    );
  });

  it('counts the Leistungsmonate of the period, December included, not the next year', () => {
    const log = new EventLog()
      .accrue({ category: 'FU', month: '2025-12', amount: '100.00' })
      .accrue({ category: 'FS', month: '2025-01', amount: '300.00' })
      .accrue({ category: 'FS', month: '2026-01', amount: '999.00', fiscalYear: 2026 });
    expect(praeventionsanteil(log.input()).value?.toString()).toBe('25');
    expect(praeventionsanteil(log.input({ period: { from: '2025-12-01', to: '2025-12-31' } })).value?.toString()).toBe('100');
  });

  it('counts the money of every provider of an approval (provider change)', () => {
    const log = new EventLog()
      .accrue({ category: 'FS', month: '2025-05', amount: '300.00', sourceId: 'A', providerId: 'TR-E' })
      .accrue({ category: 'FS', month: '2025-05', amount: '200.00', sourceId: 'A', providerId: 'TR-N' })
      .accrue({ category: 'FUE', month: '2025-05', amount: '500.00' });
    expect(praeventionsanteil(log.input()).value?.toString()).toBe('50');
  });

  it('ignores out-of-budget money and other Sozialräume', () => {
    const log = new EventLog()
      .accrue({ category: 'FU', month: '2025-03', amount: '100.00' })
      .accrue({ category: 'FS', month: '2025-03', amount: '100.00' })
      .accrue({ category: 'FS', month: '2025-03', amount: '5000.00', inBudget: false })
      .accrue({ category: 'FS', month: '2025-03', amount: '7000.00', sozialraumId: 'HRO-DI' });
    expect(praeventionsanteil(log.input()).value?.toString()).toBe('50');
  });
});
