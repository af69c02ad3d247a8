import { yearToDatePeriods } from './measure-indicators';

describe('year-to-date quarters', () => {
  it('measures each quarter from the year start', () => {
    expect(yearToDatePeriods(2025).map((q) => [q.label, q.period.from, q.period.to])).toEqual([
      ['Q1', '2025-01-01', '2025-03-31'],
      ['Q2', '2025-01-01', '2025-06-30'],
      ['Q3', '2025-01-01', '2025-09-30'],
      ['Q4', '2025-01-01', '2025-12-31'],
    ]);
  });

  it('as of a day leaves out quarters not begun and ends the running one that day', () => {
    expect(yearToDatePeriods(2025, '2025-05-15').map((q) => [q.label, q.period.to])).toEqual([
      ['Q1', '2025-03-31'],
      ['Q2', '2025-05-15'],
    ]);
    expect(yearToDatePeriods(2025, '2025-04-01').map((q) => q.label)).toEqual(['Q1', 'Q2']);
    expect(yearToDatePeriods(2025, '2024-12-31')).toEqual([]);
  });
});
