import { MeasuredValue } from './computed';

/** R12: below this many cases a count is shown as "< 5" and a rate is suppressed outside the two parties. */
export const SMALL_CELL_LIMIT = 5;

export interface PublishedValue {
  /** The rounded value, or null when suppressed or not measurable. */
  value: string | null;
  /** What the report shows instead of a suppressed figure. */
  note: string | null;
  /** The case count as published: exact from 5, "< 5" for 1–4, "0". */
  cases: string | null;
}

/**
 * A figure meant to leave the two parties (Jugendhilfeausschuss, Kämmerei, public): counts 1–4
 * become "< 5" and rates resting on fewer than 5 cases are not shown. Money-based figures
 * (no case count) are shown as they are.
 */
export function publishedValue(measured: MeasuredValue): PublishedValue {
  const cases = measured.caseCount;
  const shownCases = cases === null ? null : cases > 0 && cases < SMALL_CELL_LIMIT ? '< 5' : String(cases);
  if (cases !== null && cases < SMALL_CELL_LIMIT && cases > 0) return { value: null, note: 'nicht ausgewiesen (< 5 Fälle)', cases: shownCases };
  return { value: measured.value === null ? null : measured.value.toFixed(2), note: measured.value === null ? 'nicht messbar' : null, cases: shownCases };
}
