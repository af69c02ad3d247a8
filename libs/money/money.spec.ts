import { AmountFormatError, parseAmount } from './money';

describe('parseAmount', () => {
  it('reads canonical amounts exactly', () => {
    expect(parseAmount('1234.50').toFixed(2)).toBe('1234.50');
    expect(parseAmount('0.00').isZero()).toBe(true);
    expect(parseAmount('-12.30', { allowNegative: true }).toFixed(2)).toBe('-12.30');
  });

  it('refuses a negative zero, whether or not negative amounts are allowed', () => {
    expect(() => parseAmount('-0.00')).toThrow('must not be negative');
    expect(() => parseAmount('-0', { allowNegative: true })).toThrow('is a negative zero; write 0.00');
  });

  it('refuses numbers, over-precise and oversized amounts', () => {
    expect(() => parseAmount(12)).toThrow(AmountFormatError);
    expect(() => parseAmount('1.001')).toThrow('has more than 2 decimal places');
    expect(() => parseAmount('1000000000.00')).toThrow('exceeds 999,999,999.99');
  });
});
