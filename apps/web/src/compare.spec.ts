/// <reference types="jest" />
import { compareUtilisation, describeChangedCount, figureChanged, type ComparableUtilisation, type Figures } from './compare';

const figures = (planned: string, committed: string, actual: string, forecast: string, available: string): Figures => ({
  planned,
  committed,
  actual,
  forecast,
  available,
});

type C = 'FS' | 'FUE' | 'FU';

const reading = (total: Figures, categories: (Figures & { category: C })[]): ComparableUtilisation<C> => ({ ...total, categories });

describe('figureChanged', () => {
  it('compares decimal strings by their value', () => {
    expect(figureChanged('12.5', '12.50')).toBe(false);
    expect(figureChanged('0.00', '-0')).toBe(false);
    expect(figureChanged('100.00', '100.01')).toBe(true);
    expect(figureChanged('-5.00', '5.00')).toBe(true);
  });

  it('counts a figure present in one reading only as changed', () => {
    expect(figureChanged(undefined, '0.00')).toBe(true);
    expect(figureChanged('0.00', undefined)).toBe(true);
    expect(figureChanged(undefined, undefined)).toBe(false);
  });
});

describe('compareUtilisation', () => {
  const a = reading(figures('1000.00', '200.00', '300.00', '500.00', '500.00'), [
    { category: 'FS', ...figures('600.00', '100.00', '200.00', '300.00', '300.00') },
    { category: 'FUE', ...figures('400.00', '100.00', '100.00', '200.00', '200.00') },
  ]);

  it('finds no difference between equal readings', () => {
    const result = compareUtilisation(a, a);
    expect(result.changedCount).toBe(0);
    expect(result.rows.map((r) => r.row)).toEqual(['FS', 'FUE', 'total']);
    expect(result.rows.every((r) => r.figures.every((f) => !f.changed))).toBe(true);
  });

  it('marks each figure that differs, in the categories and in total', () => {
    const b = reading(figures('1000.00', '250.00', '300.0', '550.00', '450.00'), [
      { category: 'FS', ...figures('600', '150.00', '200.00', '350.00', '250.00') },
      { category: 'FUE', ...figures('400.00', '100.00', '100.00', '200.00', '200.00') },
    ]);
    const result = compareUtilisation(a, b);
    expect(result.changedCount).toBe(6);
    const changed = (row: string) =>
      result.rows
        .find((r) => r.row === row)
        ?.figures.filter((f) => f.changed)
        .map((f) => f.label);
    expect(changed('FS')).toEqual(['Offene Bindungen', 'Hochrechnung', 'Verfügbar']);
    expect(changed('FUE')).toEqual([]);
    expect(changed('total')).toEqual(['Offene Bindungen', 'Hochrechnung', 'Verfügbar']);
    expect(result.rows[0]?.figures[1]).toEqual({ key: 'committed', label: 'Offene Bindungen', a: '100.00', b: '150.00', changed: true });
  });

  it('keeps a category known to one reading only, every figure of it changed', () => {
    const b = reading(figures('1000.00', '200.00', '300.00', '500.00', '500.00'), [
      { category: 'FS', ...figures('600.00', '100.00', '200.00', '300.00', '300.00') },
      { category: 'FUE', ...figures('400.00', '100.00', '100.00', '200.00', '200.00') },
      { category: 'FU', ...figures('0.00', '0.00', '0.00', '0.00', '0.00') },
    ]);
    const result = compareUtilisation(a, b);
    expect(result.rows.map((r) => r.row)).toEqual(['FS', 'FUE', 'FU', 'total']);
    expect(result.changedCount).toBe(5);
    expect(result.rows[2]?.figures[0]).toMatchObject({ a: undefined, b: '0.00', changed: true });
  });
});

describe('describeChangedCount', () => {
  it('says how many figures differ, in German', () => {
    expect(describeChangedCount(0)).toBe('Keine Zahl unterscheidet sich.');
    expect(describeChangedCount(1)).toBe('1 Zahl unterscheidet sich.');
    expect(describeChangedCount(3)).toBe('3 Zahlen unterscheiden sich.');
  });
});
