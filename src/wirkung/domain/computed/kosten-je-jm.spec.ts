import { Decimal } from '../../../../libs/money';
import { EventLog, toitenwinkelApprovals, toitenwinkelMoney } from './indicator-fixtures';
import { kostenJeJm } from './kosten-je-jm';

describe('kosten-je-jm', () => {
  it('is 0 without FS actual, and has no value without residents under 21', () => {
    expect(kostenJeJm(toitenwinkelApprovals().input())).toEqual({
      value: new Decimal(0),
      numerator: new Decimal(0),
      denominator: new Decimal(2600),
      caseCount: null,
    });
    expect(kostenJeJm(toitenwinkelMoney().input({ residentsUnder21: null }))).toEqual(expect.objectContaining({ value: null, denominator: null }));
  });

  it('reproduces the worked example: 104,702.50 / 2,600 = 40.27 €', () => {
    const m = kostenJeJm(toitenwinkelMoney(toitenwinkelApprovals()).input());
    expect(m.numerator.toFixed(2)).toBe('104702.50');
    expect(m.value?.equals(new Decimal('104702.50').div(2600))).toBe(true);
    expect(m.value?.toFixed(2)).toBe('40.27');
  });

  it('nets a reversal out of the FS actual', () => {
    const log = new EventLog()
      .accrue({ category: 'FS', month: '2025-02', amount: '1300.00', sourceId: 'A' })
      .accrue({ category: 'FS', month: '2025-03', amount: '1300.00', sourceId: 'A' })
      .reverse({ category: 'FS', month: '2025-03', amount: '1300.00', sourceId: 'A' });
    expect(kostenJeJm(log.input({ residentsUnder21: 1000 })).value?.toString()).toBe('1.3');
  });

  it('counts the December Leistungsmonat in its year and only the months of the period', () => {
    const log = new EventLog().accrue({ category: 'FS', month: '2025-12', amount: '2600.00' }).accrue({ category: 'FS', month: '2025-06', amount: '5200.00' });
    expect(kostenJeJm(log.input()).value?.toString()).toBe('3');
    expect(kostenJeJm(log.input({ period: { from: '2025-10-01', to: '2025-12-31' } })).value?.toString()).toBe('1');
  });

  it('counts FS money of every provider of an approval', () => {
    const log = new EventLog()
      .accrue({ category: 'FS', month: '2025-05', amount: '1000.00', sourceId: 'A', providerId: 'TR-E' })
      .accrue({ category: 'FS', month: '2025-06', amount: '1600.00', sourceId: 'A', providerId: 'TR-N' });
    expect(kostenJeJm(log.input()).value?.toString()).toBe('1');
  });

  it('ignores flexible money, out-of-budget money and other Sozialräume', () => {
    const log = new EventLog()
      .accrue({ category: 'FUE', month: '2025-03', amount: '2600.00' })
      .accrue({ category: 'FS', month: '2025-03', amount: '2600.00', inBudget: false })
      .accrue({ category: 'FS', month: '2025-03', amount: '2600.00', sozialraumId: 'HRO-DI' });
    expect(kostenJeJm(log.input()).value?.toString()).toBe('0');
  });
});
