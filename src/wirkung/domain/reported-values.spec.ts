import { DomainError } from '../../../libs/ddd/domain-error';
import { fold } from '../../../libs/ddd/decider';
import { BUILT_IN_INDICATORS, IndicatorDefinition } from './indicator-catalogue';
import { ReportValue, ReportedValueEvent, aggregateReports, decideReportValue, periodRange, reportedValuesDecider } from './reported-values';

const definition: IndicatorDefinition = {
  key: 'teilnehmende-fu',
  name: 'Teilnehmende',
  definition: 'gemeldet je Quartal',
  unit: 'count',
  direction: 'higher-is-better',
  source: 'reported',
  aggregation: 'sum',
  reportedBy: ['provider'],
  incentivisable: true,
  effectiveFrom: '2025-01-01',
};
const facts = { definition, yearClosed: false, inTraegerverbund: true };
const report = (over: Partial<ReportValue> = {}): ReportValue => ({
  sozialraumId: 'HRO-TW',
  fiscalYear: 2025,
  indicatorKey: 'teilnehmende-fu',
  period: '2025-Q1',
  value: '410',
  note: 'Jugendtreff',
  reporter: 'provider',
  organisationId: 'TR-E',
  corrects: null,
  reason: null,
  ...over,
});
const stateOf = (events: ReportedValueEvent[]) => fold(reportedValuesDecider, events);
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.problem;
    throw error;
  }
  throw new Error('not refused');
};

describe('reported indicator values (R12)', () => {
  it('corrects by a new report naming the one it replaces; a second report without it is refused', () => {
    const first = decideReportValue(report(), stateOf([]), facts);
    expect(first[0].data).toMatchObject({ reportId: 'MW-2025-1', value: '410', corrects: null });
    expect(refusal(() => decideReportValue(report({ value: '420' }), stateOf(first), facts))).toBe('value-already-reported');
    const correction = decideReportValue(report({ value: '420', corrects: 'MW-2025-1', reason: 'Nachmeldung' }), stateOf(first), facts);
    expect(correction[0].data).toMatchObject({ reportId: 'MW-2025-2', corrects: 'MW-2025-1', reason: 'Nachmeldung' });
    const all = stateOf([...first, ...correction]).reports;
    expect(all).toHaveLength(2);
    expect(aggregateReports(all, periodRange('2025-Q1'), 'sum').value?.toFixed()).toBe('420');
    // Only the report in force can be corrected.
    expect(refusal(() => decideReportValue(report({ value: '1', corrects: 'MW-2025-1', reason: 'x' }), stateOf([...first, ...correction]), facts))).toBe(
      'report-not-found',
    );
  });

  it('refuses computed indicators, unknown ones, periods of another year, a closed year and providers outside the Trägerverbund', () => {
    expect(refusal(() => decideReportValue(report(), stateOf([]), { ...facts, definition: BUILT_IN_INDICATORS[0] }))).toBe('indicator-not-reported');
    expect(refusal(() => decideReportValue(report(), stateOf([]), { ...facts, definition: null }))).toBe('unknown-indicator');
    expect(refusal(() => decideReportValue(report({ period: '2024-Q4' }), stateOf([]), facts))).toBe('period-outside-year');
    expect(refusal(() => decideReportValue(report(), stateOf([]), { ...facts, yearClosed: true }))).toBe('fiscal-year-closed');
    expect(refusal(() => decideReportValue(report(), stateOf([]), { ...facts, inTraegerverbund: false }))).toBe('not-in-traegerverbund');
    expect(refusal(() => decideReportValue(report({ reporter: 'jugendamt', organisationId: 'HRO-JA' }), stateOf([]), facts))).toBe('reporter-not-allowed');
  });

  it('aggregates the periods inside a longer one by sum, mean or last', () => {
    const reports = ['410', '520', '480', '450'].map((value, i) => ({ ...report({ period: `2025-Q${i + 1}`, value }), reportId: `MW-2025-${i + 1}` }));
    const year = periodRange('2025-Q1');
    expect(year).toEqual({ from: '2025-01-01', to: '2025-03-31' });
    const whole = { from: '2025-01-01', to: '2025-12-31' };
    expect(aggregateReports(reports, whole, 'sum').value?.toFixed()).toBe('1860');
    expect(aggregateReports(reports, whole, 'mean').value?.toFixed()).toBe('465');
    expect(aggregateReports(reports, whole, 'last').value?.toFixed()).toBe('450');
    expect(aggregateReports(reports, { from: '2025-01-01', to: '2025-06-30' }, 'sum').value?.toFixed()).toBe('930');
    expect(aggregateReports([], whole, 'sum')).toEqual({ value: null, periods: 0 });
    expect(periodRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
});
