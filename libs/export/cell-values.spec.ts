import { amountCell, berlinWallClock, dateCell, integerCell, monthCell, percentCell } from './cell-values';

describe('cell values', () => {
  it('reads amounts of two decimal places only', () => {
    expect(amountCell('1234.50')).toBe(1234.5);
    expect(amountCell('-577.50')).toBe(-577.5);
    expect(amountCell('999999999.99')).toBe(999999999.99);
    for (const wrong of ['1234.5', '1,234.50', '', '1e3', '12.345']) expect(() => amountCell(wrong)).toThrow();
  });

  it('reads percentages as the figure and whole numbers, keeping those a double cannot hold as text', () => {
    expect(percentCell('81.08')).toBe(81.08);
    expect(percentCell('0')).toBe(0);
    expect(() => percentCell('81 %')).toThrow();
    expect(integerCell('2025')).toBe(2025);
    expect(integerCell('9007199254740993')).toBe('9007199254740993');
    expect(() => integerCell('2025.0')).toThrow();
  });

  it('makes dates and months UTC midnight, and nothing of what is not one', () => {
    expect(dateCell('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(dateCell('2025-02-29')).toBeNull();
    expect(dateCell('Gesamt')).toBeNull();
    expect(monthCell('2025-12')?.toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(monthCell('2025-13')).toBeNull();
  });

  it('shows an instant as the wall clock in Berlin, in winter and in summer time', () => {
    expect(berlinWallClock(new Date('2025-01-15T23:30:00.000Z')).toISOString()).toBe('2025-01-16T00:30:00.000Z');
    expect(berlinWallClock(new Date('2025-07-01T12:00:00.250Z')).toISOString()).toBe('2025-07-01T14:00:00.250Z');
  });
});
