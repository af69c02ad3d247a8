import { addDays, addYears, daysInclusive, isIsoDate, lastDayOfMonth, monthsBetween, todayInBerlin } from './calendar';

describe('calendar', () => {
  it('takes the day boundary of Europe/Berlin, in winter and in summer time', () => {
    expect(todayInBerlin(new Date('2025-12-31T22:59:59Z'))).toBe('2025-12-31');
    expect(todayInBerlin(new Date('2025-12-31T23:00:00Z'))).toBe('2026-01-01');
    expect(todayInBerlin(new Date('2025-06-30T21:59:59Z'))).toBe('2025-06-30');
    expect(todayInBerlin(new Date('2025-06-30T22:00:00Z'))).toBe('2025-07-01');
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-02-30')).toBe(false);
    expect(isIsoDate('2025-2-3')).toBe(false);
  });

  it('counts days and months across month ends, year ends and leap years', () => {
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2025-02')).toBe('2025-02-28');
    expect(addDays('2025-12-25', 14)).toBe('2026-01-08');
    expect(daysInclusive('2024-02-01', '2024-03-01')).toBe(30);
    expect(daysInclusive('2025-01-01', '2025-12-31')).toBe(365);
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('adds years by the calendar: 29 February becomes 28 February in a common year', () => {
    expect(addYears('2016-02-29', 10)).toBe('2026-02-28');
    expect(addYears('2016-02-29', 8)).toBe('2024-02-29');
    expect(addYears('2025-12-31', 1)).toBe('2026-12-31');
  });
});
