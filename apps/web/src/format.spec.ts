/// <reference types="jest" />
import {
  berlinLocalToIso,
  compareDecimal,
  currentFiscalYear,
  describeView,
  formatAmount,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatMonth,
  formatPercent,
  formatTimeOfDay,
  isoToBerlinLocal,
  NBSP,
  todayInBerlin,
} from './format';

const euro = (text: string) => `${text}${NBSP}€`;
const pct = (text: string) => `${text}${NBSP}%`;

describe('formatAmount', () => {
  it.each([
    ['1234.50', '1.234,50'],
    ['-12.00', '-12,00'],
    ['0.00', '0,00'],
    ['0', '0,00'],
    ['-0.00', '0,00'],
    ['45', '45,00'],
    ['45.5', '45,50'],
    ['999.99', '999,99'],
    ['1000.00', '1.000,00'],
    ['214248.75', '214.248,75'],
    ['1234567.89', '1.234.567,89'],
    ['-1234567.89', '-1.234.567,89'],
    ['999999999.99', '999.999.999,99'],
    ['0.05', '0,05'],
    ['-0.05', '-0,05'],
    ['007.10', '7,10'],
    ['+12.30', '12,30'],
  ])('%s → %s €', (input, expected) => {
    expect(formatAmount(input)).toBe(euro(expected));
  });

  it('keeps digits beyond the cent instead of rounding them', () => {
    expect(formatAmount('0.125')).toBe(euro('0,125'));
  });

  it('is exact beyond what a JavaScript number can hold', () => {
    expect(formatAmount('12345678901234567.89')).toBe(euro('12.345.678.901.234.567,89'));
  });

  it('shows anything that is no decimal as it came', () => {
    expect(formatAmount('')).toBe('');
    expect(formatAmount('abc')).toBe('abc');
    expect(formatAmount('1,5')).toBe('1,5');
    expect(formatAmount('1e3')).toBe('1e3');
  });

  it('uses no thousands separator under 1000', () => {
    expect(formatAmount('999.00')).toBe(euro('999,00'));
    expect(formatAmount('-999.00')).toBe(euro('-999,00'));
  });
});

describe('formatPercent and formatDecimal', () => {
  it('formats percentages of B', () => {
    expect(formatPercent('81.08')).toBe(pct('81,08'));
    expect(formatPercent('100')).toBe(pct('100,00'));
    expect(formatPercent('0.00')).toBe(pct('0,00'));
    expect(formatPercent('1234.5')).toBe(pct('1.234,50'));
    expect(formatPercent('-3.10')).toBe(pct('-3,10'));
  });

  it('can show a decimal without forced decimals', () => {
    expect(formatDecimal('1500', 0)).toBe('1.500');
    expect(formatDecimal('1500.5', 0)).toBe('1.500,5');
  });
});

describe('compareDecimal', () => {
  it.each([
    ['1.00', '2.00', -1],
    ['2', '1.99', 1],
    ['10.00', '9.99', 1],
    ['100.00', '100', 0],
    ['-5.00', '3.00', -1],
    ['-5.00', '-3.00', -1],
    ['-10.00', '-9.99', -1],
    ['0.00', '-0.00', 0],
    ['105.00', '105.01', -1],
    ['0.5', '0.45', 1],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(compareDecimal(a, b)).toBe(expected);
    expect(compareDecimal(b, a)).toBe(-expected || 0);
  });

  it('sorts a list of amounts by value', () => {
    expect(['1000.00', '-12.00', '999.99', '0', '45'].sort(compareDecimal)).toEqual(['-12.00', '0', '45', '999.99', '1000.00']);
  });
});

describe('dates and times', () => {
  it('formats calendar dates without a time zone', () => {
    expect(formatDate('2025-08-31')).toBe('31.08.2025');
    expect(formatDate('2025-01-01')).toBe('01.01.2025');
    expect(formatDate('31.08.2025')).toBe('31.08.2025');
  });

  it('formats months', () => {
    expect(formatMonth('2025-03')).toBe('März 2025');
    expect(formatMonth('2025-12')).toBe('Dezember 2025');
    expect(formatMonth('2025-13')).toBe('2025-13');
  });

  it('formats instants in Berlin time, summer and winter', () => {
    expect(formatDateTime('2025-08-31T12:05:00.000Z')).toBe('31.08.2025, 14:05');
    expect(formatDateTime('2025-01-15T08:30:00Z')).toBe('15.01.2025, 09:30');
    expect(formatDateTime('2025-12-31T23:30:00Z')).toBe('01.01.2026, 00:30');
    expect(formatDateTime('kein Datum')).toBe('kein Datum');
  });

  it('gives the time of day in Berlin with seconds', () => {
    expect(formatTimeOfDay(new Date('2025-08-31T12:05:09.500Z'))).toBe('14:05:09');
    expect(formatTimeOfDay(new Date('2025-01-15T23:00:00Z'))).toBe('00:00:00');
    expect(formatTimeOfDay(new Date(Number.NaN))).toBe('');
  });

  it('gives today and the fiscal year in Berlin', () => {
    expect(todayInBerlin(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(todayInBerlin(new Date('2025-06-30T12:00:00Z'))).toBe('2025-06-30');
    expect(currentFiscalYear(new Date('2025-12-31T22:59:59Z'))).toBe(2025);
    expect(currentFiscalYear(new Date('2025-12-31T23:00:00Z'))).toBe(2026);
  });

  it('reads datetime-local values as Berlin wall-clock time', () => {
    expect(berlinLocalToIso('2025-08-31T14:05')).toBe('2025-08-31T12:05:00.000Z');
    expect(berlinLocalToIso('2025-01-15T09:30')).toBe('2025-01-15T08:30:00.000Z');
    expect(berlinLocalToIso('2025-03-30T03:30')).toBe('2025-03-30T01:30:00.000Z');
    expect(berlinLocalToIso('2025-10-26T12:00:30')).toBe('2025-10-26T11:00:30.000Z');
    expect(berlinLocalToIso('')).toBeNull();
    expect(berlinLocalToIso('2025-08-31')).toBeNull();
  });

  it('writes instants back as datetime-local values', () => {
    expect(isoToBerlinLocal('2025-08-31T12:05:00.000Z')).toBe('2025-08-31T14:05');
    expect(isoToBerlinLocal('2025-01-15T08:30:00Z')).toBe('2025-01-15T09:30');
    expect(isoToBerlinLocal('nichts')).toBe('');
    expect(berlinLocalToIso(isoToBerlinLocal('2025-06-01T22:15:00.000Z'))).toBe('2025-06-01T22:15:00.000Z');
  });
});

describe('describeView', () => {
  it('says which view the page shows', () => {
    expect(describeView({})).toBe('Stand heute, Wissensstand heute');
    expect(describeView({ asOf: '2025-06-30' })).toBe('Stand am 30.06.2025, Wissensstand heute');
    expect(describeView({ knownAt: '2025-08-31T12:05:00.000Z' })).toBe('Stand heute, Wissensstand 31.08.2025, 14:05');
    expect(describeView({ asOf: '2025-06-30', knownAt: '2025-07-01T06:00:00Z' })).toBe('Stand am 30.06.2025, Wissensstand 01.07.2025, 08:00');
  });
});
