import { Decimal } from '../../../../libs/money';
import { ambulantAnteil } from './ambulant-anteil';
import { EventLog, toitenwinkelApprovals } from './indicator-fixtures';

describe('ambulant-anteil', () => {
  it('has no value without case-months', () => {
    expect(ambulantAnteil(new EventLog().input())).toEqual({ value: null, numerator: new Decimal(0), denominator: new Decimal(0), caseCount: 0 });
  });

  it('reproduces the worked example exactly: 24 of 39 case-months = 8/13 × 100', () => {
    const m = ambulantAnteil(toitenwinkelApprovals().input());
    expect(m.numerator.toString()).toBe('24');
    expect(m.denominator?.toString()).toBe('39');
    expect(m.caseCount).toBe(5);
    expect(m.value?.equals(new Decimal(8).div(13).times(100))).toBe(true);
    expect(m.value?.toFixed(2)).toBe('61.54');
  });

  it('counts an approval ending on 31.12. with all twelve months and none of the next year', () => {
    const log = new EventLog().grant({ approvalId: 'A', legalBasis: '31', setting: 'ambulant', start: '2025-01-01', end: '2025-12-31' });
    expect(ambulantAnteil(log.input()).denominator?.toString()).toBe('12');
    expect(ambulantAnteil(log.input({ period: { from: '2026-01-01', to: '2026-12-31' } })).caseCount).toBe(0);
  });

  it('counts a month touched by a single day, on either side', () => {
    const log = new EventLog()
      .grant({ approvalId: 'A', legalBasis: '31', setting: 'ambulant', start: '2025-01-31', end: '2025-03-01' })
      .grant({ approvalId: 'S', legalBasis: '34', setting: 'stationaer', start: '2025-12-31', end: null });
    const m = ambulantAnteil(log.input());
    expect(m.numerator.toString()).toBe('3');
    expect(m.denominator?.toString()).toBe('4');
    expect(m.caseCount).toBe(2);
  });

  it('counts only the months inside the period', () => {
    const log = new EventLog().grant({ approvalId: 'A', legalBasis: '34', setting: 'stationaer', start: '2024-06-01', end: null });
    expect(ambulantAnteil(log.input({ period: { from: '2025-04-01', to: '2025-06-30' } })).denominator?.toString()).toBe('3');
  });

  it('does not count a month twice when the provider changes within it', () => {
    const log = new EventLog()
      .grant({ approvalId: 'A', legalBasis: '31', setting: 'ambulant', start: '2025-01-01', end: '2025-04-30' })
      .changeScope('A', '2025-02-15', 'TR-N')
      .extend('A', '2025-04-30', '2025-06-30', 'TR-X');
    const m = ambulantAnteil(log.input());
    expect(m.denominator?.toString()).toBe('6');
    expect(m.caseCount).toBe(1);
  });

  it('ends the months at a termination', () => {
    const log = new EventLog()
      .grant({ approvalId: 'A', legalBasis: '32', setting: 'teilstationaer', start: '2025-01-01', end: null })
      .terminate('A', 'abbruch', '2025-02-10');
    expect(ambulantAnteil(log.input())).toEqual(expect.objectContaining({ numerator: new Decimal(0), denominator: new Decimal(2), value: new Decimal(0) }));
  });

  it('reads a setting recorded before the field existed from the legal basis; an unknown setting counts in the whole only', () => {
    const log = new EventLog()
      .grant({ approvalId: 'OLD', legalBasis: '30', start: '2025-01-01', end: '2025-03-31' })
      .grant({ approvalId: 'UNK', legalBasis: '41', start: '2025-01-01', end: '2025-01-31' });
    const m = ambulantAnteil(log.input());
    expect(m.numerator.toString()).toBe('3');
    expect(m.denominator?.toString()).toBe('4');
  });

  it('ignores out-of-budget approvals and other Sozialräume', () => {
    const log = new EventLog()
      .grant({ approvalId: 'O', legalBasis: '34', setting: 'stationaer', start: '2025-01-01', end: null, inBudget: false })
      .grant({ approvalId: 'X', legalBasis: '34', setting: 'stationaer', start: '2025-01-01', end: null, sozialraumId: 'HRO-DI' })
      .grant({ approvalId: 'A', legalBasis: '31', setting: 'ambulant', start: '2025-01-01', end: '2025-01-31' });
    expect(ambulantAnteil(log.input())).toEqual(expect.objectContaining({ value: new Decimal(100), caseCount: 1 }));
  });
});
