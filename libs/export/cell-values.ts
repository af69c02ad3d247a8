/**
 * The conversions of the API's strings into what a spreadsheet cell stores. Excel keeps every
 * number as a double and every date as a day count without a time zone, so these are the only
 * places where a decimal string becomes a JS number or an ISO date a Date.
 */

const AMOUNT = /^-?\d{1,15}\.\d{2}$/;
const DECIMAL = /^-?\d{1,15}(\.\d{1,10})?$/;
const INTEGER = /^-?\d+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * An amount of two decimal places as the number of its cell. The money was computed exactly on
 * decimal strings; turning it into a double is allowed only here, at the very last step, because
 * Excel stores doubles: the double nearest to "1234.50" is what Excel itself stores when 1234,50
 * is typed in, so the cell shows exactly the figure of the string.
 */
export function amountCell(value: string): number {
  if (!AMOUNT.test(value)) throw new Error(`"${value}" is not an amount of two decimal places`);
  return Number(value);
}

/** A percentage as the figure itself ("81.08" → 81.08), nothing computed: the cell's format shows the "%". */
export function percentCell(value: string): number {
  if (!DECIMAL.test(value)) throw new Error(`"${value}" is not a percentage figure`);
  return Number(value);
}

/** A whole number; one a double cannot hold exactly (a log position beyond 2^53) stays text. */
export function integerCell(value: string): number | string {
  if (!INTEGER.test(value)) throw new Error(`"${value}" is not a whole number`);
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : value;
}

/**
 * A calendar date as UTC midnight: Excel's day count has no time zone, and exceljs counts from
 * the Date's UTC time, so 2025-08-31 is 31.08.2025 wherever the file is opened. Null for what is
 * not a date (the label of a sum row).
 */
export function dateCell(value: string): Date | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value ? date : null;
}

/** A month as its first day (UTC midnight), shown as "08.2025"; null for what is not a month ("Gesamt"). */
export function monthCell(value: string): Date | null {
  const match = ISO_MONTH.exec(value);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)) : null;
}

// Building a formatter with a time zone costs far more than formatting; it is made once.
const BERLIN = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * An instant as the wall clock in Europe/Berlin, carried in a Date's UTC fields: a spreadsheet
 * date-time has no time zone, and whoever opens the file reads the time of the Jugendamt.
 */
export function berlinWallClock(instant: Date): Date {
  const parts = Object.fromEntries(BERLIN.formatToParts(instant).map((part) => [part.type, part.value]));
  const field = (name: string) => Number(parts[name]);
  return new Date(Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'), instant.getUTCMilliseconds()));
}
