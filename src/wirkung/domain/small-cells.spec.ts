import { Decimal } from '../../../libs/money';
import { publishedValue } from './small-cells';

const measured = (value: string | null, caseCount: number | null) => ({
  value: value === null ? null : new Decimal(value),
  numerator: new Decimal(0),
  denominator: null,
  caseCount,
});

describe('small cells in reports leaving the two parties (R12)', () => {
  it('suppresses a rate resting on 1 to 4 cases and shows the count as "< 5"', () => {
    expect(publishedValue(measured('75', 4))).toEqual({ value: null, note: 'nicht ausgewiesen (< 5 Fälle)', cases: '< 5' });
    expect(publishedValue(measured('100', 1))).toMatchObject({ value: null, cases: '< 5' });
  });

  it('shows a rate from 5 cases, money figures without a case count, and zero cases as 0', () => {
    expect(publishedValue(measured('61.538461', 5))).toEqual({ value: '61.54', note: null, cases: '5' });
    expect(publishedValue(measured('35.169', null))).toEqual({ value: '35.17', note: null, cases: null });
    expect(publishedValue(measured(null, 0))).toEqual({ value: null, note: 'nicht messbar', cases: '0' });
  });
});
