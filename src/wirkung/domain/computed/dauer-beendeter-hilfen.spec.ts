import { Decimal } from '../../../../libs/money';
import { dauerBeendeterHilfen } from './dauer-beendeter-hilfen';
import { EventLog, toitenwinkelApprovals } from './indicator-fixtures';

describe('dauer-beendeter-hilfen', () => {
  it('has no value when no approval ended', () => {
    expect(dauerBeendeterHilfen(new EventLog().input())).toEqual({ value: null, numerator: new Decimal(0), denominator: new Decimal(0), caseCount: 0 });
  });

  it('reproduces the worked example: (12 + 6 + 5 + 6) / 4 = 7.25 months', () => {
    const m = dauerBeendeterHilfen(toitenwinkelApprovals().input());
    expect(m.numerator.toString()).toBe('29');
    expect(m.denominator?.toString()).toBe('4');
    expect(m.caseCount).toBe(4);
    expect(m.value?.toString()).toBe('7.25');
  });

  it('counts an approval ending on 31.12. with its whole duration, also the months before the period', () => {
    const log = new EventLog().grant({ approvalId: 'A', legalBasis: '31', start: '2024-07-01', end: '2025-12-31' });
    expect(dauerBeendeterHilfen(log.input()).value?.toString()).toBe('18');
  });

  it('counts a month touched by a single day', () => {
    const log = new EventLog().grant({ approvalId: 'A', legalBasis: '31', start: '2025-01-31', end: '2025-03-01' });
    expect(dauerBeendeterHilfen(log.input()).numerator.toString()).toBe('3');
  });

  it('does not count a month twice for a provider change and ends at a termination', () => {
    const log = new EventLog()
      .grant({ approvalId: 'A', legalBasis: '31', start: '2025-01-01', end: '2025-03-31' })
      .extend('A', '2025-03-31', '2025-12-31', 'TR-N')
      .changeScope('A', '2025-05-15', 'TR-X')
      .terminate('A', 'planmaessig', '2025-06-15');
    expect(dauerBeendeterHilfen(log.input())).toEqual(expect.objectContaining({ numerator: new Decimal(6), caseCount: 1 }));
  });

  it('ignores out-of-budget approvals and other Sozialräume', () => {
    const log = new EventLog()
      .grant({ approvalId: 'O', legalBasis: '42', start: '2025-01-01', end: '2025-02-28', inBudget: false })
      .grant({ approvalId: 'X', legalBasis: '31', start: '2025-01-01', end: '2025-02-28', sozialraumId: 'HRO-DI' });
    expect(dauerBeendeterHilfen(log.input()).caseCount).toBe(0);
  });
});
