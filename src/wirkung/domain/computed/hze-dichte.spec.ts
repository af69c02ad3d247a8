import { Decimal } from '../../../../libs/money';
import { hzeDichte } from './hze-dichte';
import { EventLog, toitenwinkelApprovals } from './indicator-fixtures';

describe('hze-dichte', () => {
  it('is 0 without approvals when the residents are known, and has no value when they are not', () => {
    expect(hzeDichte(new EventLog().input())).toEqual({ value: new Decimal(0), numerator: new Decimal(0), denominator: new Decimal(2600), caseCount: 0 });
    expect(hzeDichte(toitenwinkelApprovals().input({ residentsUnder21: null }))).toEqual({
      value: null,
      numerator: new Decimal(3),
      denominator: null,
      caseCount: 3,
    });
    expect(hzeDichte(toitenwinkelApprovals().input({ residentsUnder21: 0 })).value).toBeNull();
  });

  it('reproduces the worked example: T1, T2, T5 running on 31.12. = 3 / 2,600 × 1,000', () => {
    const m = hzeDichte(toitenwinkelApprovals().input());
    expect(m.caseCount).toBe(3);
    expect(m.value?.equals(new Decimal(3).div(2600).times(1000))).toBe(true);
    expect(m.value?.toFixed(2)).toBe('1.15');
  });

  it('counts an approval ending on the period’s last day, not one ending the day before', () => {
    const log = new EventLog()
      .grant({ approvalId: 'A', legalBasis: '31', start: '2025-01-01', end: '2025-12-31' })
      .grant({ approvalId: 'B', legalBasis: '31', start: '2025-01-01', end: '2025-12-30' });
    expect(hzeDichte(log.input()).caseCount).toBe(1);
  });

  it('counts an approval that starts on the period’s last day, not one that starts after it', () => {
    const log = new EventLog()
      .grant({ approvalId: 'A', legalBasis: '34', start: '2025-12-31', end: null })
      .grant({ approvalId: 'B', legalBasis: '34', start: '2026-01-01', end: null });
    expect(hzeDichte(log.input()).caseCount).toBe(1);
  });

  it('counts an approval with a provider change once and follows a termination', () => {
    const log = new EventLog()
      .grant({ approvalId: 'A', legalBasis: '34', start: '2025-01-01', end: null })
      .changeScope('A', '2025-06-01', 'TR-N')
      .grant({ approvalId: 'T', legalBasis: '34', start: '2025-01-01', end: null })
      .terminate('T', 'abbruch', '2025-11-30');
    expect(hzeDichte(log.input()).caseCount).toBe(1);
  });

  it('ignores out-of-budget approvals and other Sozialräume', () => {
    const log = new EventLog()
      .grant({ approvalId: 'O', legalBasis: '42', start: '2025-12-01', end: null, inBudget: false })
      .grant({ approvalId: 'X', legalBasis: '34', start: '2025-01-01', end: null, sozialraumId: 'HRO-DI' });
    expect(hzeDichte(log.input()).caseCount).toBe(0);
  });
});
