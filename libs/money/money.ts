import Decimal from 'decimal.js';
import { Text, text } from '../text/text';

/** Amounts are EUR as exact decimals; transported as strings with at most two decimals. */
export const MAX_AMOUNT = new Decimal('999999999.99');
const AMOUNT_PATTERN = /^-?\d{1,9}(\.\d{1,2})?$/;

export type Amount = Decimal;

/** Why a string is not an amount; the message is English, `reason` says it in every language. */
export class AmountFormatError extends Error {
  constructor(readonly reason: Text) {
    super(reason.en);
  }
}

const AMOUNT_REASONS = {
  notDecimal: text('muss ein Dezimal-Text wie "1234.50" sein.', 'must be a decimal string such as "1234.50".'),
  tooPrecise: text('hat mehr als 2 Nachkommastellen.', 'has more than 2 decimal places.'),
  tooLarge: text('übersteigt 999.999.999,99.', 'exceeds 999,999,999.99.'),
  negativeZero: text('ist eine negative Null; bitte 0.00 schreiben.', 'is a negative zero; write 0.00.'),
  negative: text('darf nicht negativ sein.', 'must not be negative.'),
  zero: text('muss größer als null sein.', 'must be greater than zero.'),
};

/** Parses an amount string strictly ("1234.5", "1234.50"); never from a JS number. */
export function parseAmount(value: unknown, options: { allowNegative?: boolean; allowZero?: boolean } = {}): Decimal {
  if (typeof value !== 'string') throw new AmountFormatError(AMOUNT_REASONS.notDecimal);
  if (!AMOUNT_PATTERN.test(value)) {
    if (/^-?\d+\.\d{3,}$/.test(value)) throw new AmountFormatError(AMOUNT_REASONS.tooPrecise);
    if (/^-?\d{10,}/.test(value)) throw new AmountFormatError(AMOUNT_REASONS.tooLarge);
    throw new AmountFormatError(AMOUNT_REASONS.notDecimal);
  }
  const amount = new Decimal(value);
  // "-0.00" is zero with a sign someone typed: refused, so a zero amount has one spelling only.
  if (value.startsWith('-') && amount.isZero()) throw new AmountFormatError(options.allowNegative ? AMOUNT_REASONS.negativeZero : AMOUNT_REASONS.negative);
  if (amount.isNegative() && !options.allowNegative) throw new AmountFormatError(AMOUNT_REASONS.negative);
  if (amount.isZero() && options.allowZero === false) throw new AmountFormatError(AMOUNT_REASONS.zero);
  if (amount.abs().greaterThan(MAX_AMOUNT)) throw new AmountFormatError(AMOUNT_REASONS.tooLarge);
  return amount;
}

/** Canonical string form with exactly two decimals ("1234.50"). */
export function formatAmount(amount: Decimal.Value): string {
  return new Decimal(amount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** Rounds half-up to the cent; used only where a rule says so (R10 settlement split). */
export function roundToCent(amount: Decimal): Decimal {
  return amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function sumAmounts(values: Iterable<Decimal.Value>): Decimal {
  let total = new Decimal(0);
  for (const v of values) total = total.plus(v);
  return total;
}

export const ZERO = new Decimal(0);
export { Decimal };

/**
 * A percentage for display, two decimals. Ties round to even (71.565 % → 71.56 %, as in the
 * worked example); percentages are reported, never booked, so the money rounding rule (half-up,
 * R10) does not apply to them.
 */
export function formatPercent(value: Decimal): string {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2);
}
