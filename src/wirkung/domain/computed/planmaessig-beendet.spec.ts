import { Decimal } from '../../../../libs/money';
import { EventLog, toitenwinkelApprovals } from './indicator-fixtures';
import { planmaessigBeendet } from './planmaessig-beendet';

describe('planmaessig-beendet', () => {
  it('has no value when no approval ends in the period', () => {
    expect(planmaessigBeendet(new EventLog().input())).toEqual({ value: null, numerator: new Decimal(0), denominator: new Decimal(0), caseCount: 0 });
    const open = new EventLog().grant({ approvalId: 'A', legalBasis: '34', start: '2025-01-01', end: null });
    expect(planmaessigBeendet(open.input()).value).toBeNull();
  });

  it('reproduces the worked example: 3 of 4 ending in 2025 = 75.00 %', () => {
    const m = planmaessigBeendet(toitenwinkelApprovals().input());
    expect(m.numerator.toString()).toBe('3');
    expect(m.denominator?.toString()).toBe('4');
    expect(m.caseCount).toBe(4);
    expect(m.value?.toFixed(2)).toBe('75.00');
  });

  it('counts an approval ending on 31.12. in the year and not in the next', () => {
    const log = new EventLog().grant({ approvalId: 'A', legalBasis: '31', start: '2025-01-01', end: '2025-12-31' });
    expect(planmaessigBeendet(log.input()).denominator?.toString()).toBe('1');
    expect(planmaessigBeendet(log.input({ period: { from: '2026-01-01', to: '2026-12-31' } })).denominator?.toString()).toBe('0');
  });

  it('counts the end of a period that touches it by one day', () => {
    const log = new EventLog().grant({ approvalId: 'A', legalBasis: '31', start: '2025-01-01', end: '2025-07-01' });
    expect(planmaessigBeendet(log.input({ period: { from: '2025-07-01', to: '2025-09-30' } })).caseCount).toBe(1);
    expect(planmaessigBeendet(log.input({ period: { from: '2025-04-01', to: '2025-06-30' } })).caseCount).toBe(0);
  });

  it('counts a termination by its reason and follows the end an extension or termination set', () => {
    const log = new EventLog()
      .grant({ approvalId: 'P', legalBasis: '31', start: '2025-01-01', end: null })
      .terminate('P', 'planmaessig', '2025-05-31')
      .grant({ approvalId: 'Z', legalBasis: '31', start: '2025-01-01', end: null })
      .terminate('Z', 'zustaendigkeitswechsel', '2025-06-30')
      .grant({ approvalId: 'E', legalBasis: '31', start: '2025-01-01', end: '2025-06-30' })
      .extend('E', '2025-06-30', '2026-06-30');
    const m = planmaessigBeendet(log.input());
    expect(m.numerator.toString()).toBe('1');
    expect(m.denominator?.toString()).toBe('2');
    expect(m.value?.toString()).toBe('50');
  });

  it('counts an approval with a provider change once', () => {
    const log = new EventLog().grant({ approvalId: 'A', legalBasis: '31', start: '2025-01-01', end: '2025-10-31' }).changeScope('A', '2025-06-01', 'TR-N');
    expect(planmaessigBeendet(log.input())).toEqual(expect.objectContaining({ caseCount: 1, numerator: new Decimal(1) }));
  });

  it('ignores out-of-budget approvals and other Sozialräume', () => {
    const log = new EventLog()
      .grant({ approvalId: 'O', legalBasis: '42', start: '2025-01-01', end: '2025-02-28', inBudget: false })
      .grant({ approvalId: 'X', legalBasis: '31', start: '2025-01-01', end: '2025-02-28', sozialraumId: 'HRO-DI' });
    expect(planmaessigBeendet(log.input()).caseCount).toBe(0);
  });
});
