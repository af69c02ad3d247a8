/**
 * German display formats for the API's values. Amounts and percentages arrive as decimal strings
 * ("1234.50", "-12.00", "81.08") and are formatted by string manipulation only: they never become
 * a JavaScript number, so no figure shown is ever off by a binary rounding error.
 *
 * Number and unit are joined by a no-break space (U+00A0), as Intl does, so that a table cell
 * never wraps between "1.234,50" and "€".
 */

/** No-break space between a figure and its unit. */
export const NBSP = '\u00a0';

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/;

interface ParsedDecimal {
  negative: boolean;
  integer: string;
  fraction: string;
}

function parseDecimal(value: string): ParsedDecimal | null {
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  const integer = (match[2] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = match[3] ?? '';
  const isZero = /^0*$/.test(integer) && /^0*$/.test(fraction);
  return { negative: match[1] === '-' && !isZero, integer, fraction };
}

function groupThousands(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "1234567.5" → "1.234.567,50": German separators, at least `minFraction` decimals, none dropped. */
export function formatDecimal(value: string, minFraction = 2): string {
  const parsed = parseDecimal(value);
  if (!parsed) return value;
  const fraction = parsed.fraction.padEnd(minFraction, '0');
  return `${parsed.negative ? '-' : ''}${groupThousands(parsed.integer)}${fraction ? `,${fraction}` : ''}`;
}

/** "1234.50" → "1.234,50 €", "-12" → "-12,00 €". Anything that is no decimal is shown as it came. */
export function formatAmount(value: string): string {
  return parseDecimal(value) ? `${formatDecimal(value)}${NBSP}€` : value;
}

/** "81.08" → "81,08 %". */
export function formatPercent(value: string): string {
  return parseDecimal(value) ? `${formatDecimal(value)}${NBSP}%` : value;
}

/**
 * Compares two decimal strings by their value without converting them to numbers: -1, 0 or 1.
 * Strings that are no decimals sort after all decimals (and among themselves by their text).
 */
export function compareDecimal(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!x || !y) return x ? -1 : y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  const sign = x.negative ? -1 : 1;
  if (x.integer.length !== y.integer.length) return (x.integer.length < y.integer.length ? -1 : 1) * sign;
  const width = Math.max(x.fraction.length, y.fraction.length);
  const left = x.integer + x.fraction.padEnd(width, '0');
  const right = y.integer + y.fraction.padEnd(width, '0');
  return left === right ? 0 : (left < right ? -1 : 1) * sign;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** "2025-08-31" → "31.08.2025" (a calendar date: no time zone involved). */
export function formatDate(value: string): string {
  const match = ISO_DATE.exec(value);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : value;
}

const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

/** "2025-03" → "März 2025". */
export function formatMonth(value: string): string {
  const match = ISO_MONTH.exec(value);
  const name = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && name ? `${name} ${match[1]}` : value;
}

const BERLIN = 'Europe/Berlin';

const berlinParts = new Intl.DateTimeFormat('de-DE', {
  timeZone: BERLIN,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function wallClockInBerlin(instant: Date): WallClock {
  const parts: Record<string, string> = {};
  for (const part of berlinParts.formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: parts.year ?? '',
    month: parts.month ?? '',
    day: parts.day ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
    second: parts.second ?? '',
  };
}

/** "2025-08-31T12:05:00Z" → "31.08.2025, 14:05" (Europe/Berlin). */
export function formatDateTime(value: string): string {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const t = wallClockInBerlin(instant);
  return `${t.day}.${t.month}.${t.year}, ${t.hour}:${t.minute}`;
}

/** The time of day of an instant in Berlin with seconds, "14:05:30" (e.g. when a list was last read). */
export function formatTimeOfDay(instant: Date): string {
  if (Number.isNaN(instant.getTime())) return '';
  const t = wallClockInBerlin(instant);
  return `${t.hour}:${t.minute}:${t.second}`;
}

/** Today's calendar date in Berlin, "2025-08-31". */
export function todayInBerlin(now: Date = new Date()): string {
  const t = wallClockInBerlin(now);
  return `${t.year}-${t.month}-${t.day}`;
}

/** The current fiscal year (the calendar year) in Berlin. */
export function currentFiscalYear(now: Date = new Date()): number {
  return Number(todayInBerlin(now).slice(0, 4));
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The value of an `<input type="datetime-local">`, read as wall-clock time in Berlin, as an ISO
 * instant in UTC: "2025-08-31T14:05" → "2025-08-31T12:05:00.000Z". Null when it is no such value.
 */
export function berlinLocalToIso(value: string): string | null {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? '0'));
  // Berlin's offset at that moment; a second pass settles the hours around a change of the clocks.
  let instant = asUtc - offsetInBerlin(asUtc);
  instant = asUtc - offsetInBerlin(instant);
  return new Date(instant).toISOString();
}

/** An ISO instant as the value for `<input type="datetime-local">` in Berlin wall-clock time. */
export function isoToBerlinLocal(value: string): string {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return '';
  const t = wallClockInBerlin(instant);
  return `${t.year}-${t.month}-${t.day}T${t.hour}:${t.minute}`;
}

function offsetInBerlin(epochMs: number): number {
  const t = wallClockInBerlin(new Date(epochMs));
  const wall = Date.UTC(Number(t.year), Number(t.month) - 1, Number(t.day), Number(t.hour), Number(t.minute), Number(t.second));
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/** The two time axes of a view, as the query parameters of every read. */
export interface ViewAxes {
  /** Business date, "2025-06-30"; absent: today. */
  asOf?: string;
  /** Recorded time, an ISO instant; absent: everything known now. */
  knownAt?: string;
}

/** "Stand am 30.06.2025, Wissensstand heute" / "Stand heute, Wissensstand 31.08.2025, 14:05". */
export function describeView(view: ViewAxes): string {
  const asOf = view.asOf ? `Stand am ${formatDate(view.asOf)}` : 'Stand heute';
  const knownAt = view.knownAt ? `Wissensstand ${formatDateTime(view.knownAt)}` : 'Wissensstand heute';
  return `${asOf}, ${knownAt}`;
}
