import { by, compareNatural, compareText, inOrderOf, sortedBy, thenBy } from './order';

describe('list orders', () => {
  it('compares text by code unit, whatever the locale', () => {
    // localeCompare ignores the hyphen in most locales and puts TRA before TR-E.
    expect(sortedBy(['TRA', 'TR-E', 'TR-EF', 'tr-a', 'TR'], compareText)).toEqual(['TR', 'TR-E', 'TR-EF', 'TRA', 'tr-a']);
  });

  it('orders numbered ids by their numbers, totally', () => {
    expect(sortedBy(['AKT-2025-10', 'AKT-2025-2', 'AKT-2024-11', 'AKT-2025-1'], compareNatural)).toEqual([
      'AKT-2024-11',
      'AKT-2025-1',
      'AKT-2025-2',
      'AKT-2025-10',
    ]);
    expect(sortedBy(['TW-25-001-B10-R1', 'TW-25-001-B2-R12', 'TW-25-001-B2-R3'], compareNatural)).toEqual([
      'TW-25-001-B2-R3',
      'TW-25-001-B2-R12',
      'TW-25-001-B10-R1',
    ]);
    // Equal as numbers but different ids: still two places, the same in every run.
    expect(sortedBy(['R1', 'R01', 'R001'], compareNatural)).toEqual(['R001', 'R01', 'R1']);
    expect(compareNatural('R1', 'R1')).toBe(0);
  });

  it('puts a vocabulary in its own order and unknown values after it', () => {
    expect(sortedBy(['FU', 'other', 'FUE', 'FS', 'aaa'], inOrderOf(['FS', 'FUE', 'FU']))).toEqual(['FS', 'FUE', 'FU', 'aaa', 'other']);
  });

  it('orders by several keys, the first difference deciding', () => {
    const rows = [
      { providerId: 'TR-F', category: 'FS' },
      { providerId: 'TR-E', category: 'FU' },
      { providerId: 'TR-E', category: 'FS' },
      { providerId: 'TR-E', category: 'FUE' },
    ];
    const order = thenBy(
      by((r: (typeof rows)[number]) => r.providerId, compareText),
      by((r) => r.category, inOrderOf(['FS', 'FUE', 'FU'])),
    );
    const expected = [rows[2], rows[3], rows[1], rows[0]];
    expect(sortedBy(rows, order)).toEqual(expected);
    expect(sortedBy([...rows].reverse(), order)).toEqual(expected);
  });
});
