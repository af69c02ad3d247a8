import { approvalsOf, caseMonthsIn, measured, monthsTouched } from './approval-history';
import { EventLog, SOZIALRAUM, YEAR_2025, toitenwinkelApprovals } from './indicator-fixtures';

describe('approvalsOf', () => {
  it('is empty without case events', () => {
    expect(approvalsOf([], SOZIALRAUM)).toEqual([]);
  });

  it('folds grant, extension and termination of the worked example into one entry per approval', () => {
    const log = toitenwinkelApprovals();
    const approvals = approvalsOf(log.events, SOZIALRAUM);
    expect(approvals.map((a) => a.approvalId)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7']);
    expect(approvals.find((a) => a.approvalId === 'T4')).toEqual({
      approvalId: 'T4',
      caseRef: 'C-T4',
      legalBasis: '32',
      setting: 'teilstationaer',
      inBudget: true,
      start: '2025-05-01',
      end: '2025-09-30',
      terminated: { reason: 'abbruch', effectiveEnd: '2025-09-30' },
      providerIds: ['TR-E'],
    });
    expect(approvals.filter((a) => !a.inBudget).map((a) => a.approvalId)).toEqual(['T6', 'T7']);
  });

  it('sets the new end of an extension and adds the provider of a new segment without a new approval', () => {
    const log = new EventLog()
      .grant({ approvalId: 'A', legalBasis: '31', setting: 'ambulant', start: '2025-01-01', end: '2025-06-30' })
      .extend('A', '2025-06-30', '2025-12-31', 'TR-N')
      .changeScope('A', '2025-09-01', 'TR-E')
      .changeScope('A', '2025-10-01', 'TR-X');
    const [a, ...rest] = approvalsOf(log.events, SOZIALRAUM);
    expect(rest).toEqual([]);
    expect(a.end).toBe('2025-12-31');
    expect(a.providerIds).toEqual(['TR-E', 'TR-N', 'TR-X']);
    expect(a.terminated).toBeNull();
  });

  it('keeps an extension to open-ended open', () => {
    const log = new EventLog()
      .grant({ approvalId: 'A', legalBasis: '34', setting: 'stationaer', start: '2025-01-01', end: '2025-06-30' })
      .extend('A', '2025-06-30', null);
    expect(approvalsOf(log.events, SOZIALRAUM)[0].end).toBeNull();
  });

  it('ignores approvals of another Sozialraum and every event of them', () => {
    const log = new EventLog()
      .grant({ approvalId: 'X', legalBasis: '31', setting: 'ambulant', start: '2025-01-01', end: null, sozialraumId: 'HRO-DI' })
      .terminate('X', 'abbruch', '2025-03-31')
      .grant({ approvalId: 'A', legalBasis: '31', setting: 'ambulant', start: '2025-01-01', end: null })
      .accrue({ category: 'FS', month: '2025-01', amount: '100.00', sourceId: 'A' });
    expect(approvalsOf(log.events, SOZIALRAUM).map((a) => a.approvalId)).toEqual(['A']);
    expect(approvalsOf(log.events, 'HRO-DI')[0].terminated).toEqual({ reason: 'abbruch', effectiveEnd: '2025-03-31' });
  });

  it('reads an approval recorded without a setting with the default of its legal basis, and keeps a stated null', () => {
    const log = new EventLog()
      .grant({ approvalId: 'OLD31', legalBasis: '31', start: '2025-01-01', end: null })
      .grant({ approvalId: 'OLD35a', legalBasis: '35a', start: '2025-01-01', end: null })
      .grant({ approvalId: 'NULL', legalBasis: '31', setting: null, start: '2025-01-01', end: null });
    expect(approvalsOf(log.events, SOZIALRAUM).map((a) => a.setting)).toEqual(['ambulant', null, null]);
  });
});

describe('period arithmetic', () => {
  it('counts a month touched by a single day', () => {
    expect(monthsTouched('2025-01-31', '2025-02-01')).toEqual(['2025-01', '2025-02']);
    expect(monthsTouched('2025-03-01', '2025-02-28')).toEqual([]);
  });

  it('cuts case-months to the period', () => {
    const [a] = approvalsOf(new EventLog().grant({ approvalId: 'A', legalBasis: '34', start: '2024-11-15', end: null }).events, SOZIALRAUM);
    expect(caseMonthsIn(a, YEAR_2025)).toHaveLength(12);
    expect(caseMonthsIn(a, { from: '2025-04-01', to: '2025-06-30' })).toEqual(['2025-04', '2025-05', '2025-06']);
  });

  it('has no value for a zero or unknown denominator', () => {
    expect(measured(0, 0, 100, 0)).toEqual(expect.objectContaining({ value: null }));
    expect(measured(3, null, 1000, 3)).toEqual(expect.objectContaining({ value: null, denominator: null }));
  });
});
