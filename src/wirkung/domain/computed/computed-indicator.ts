import { Decimal } from '../../../../libs/money';
import { BookEvent } from '../../../steering';

/** A period an indicator is measured for: both days inclusive, ISO dates. */
export interface IndicatorPeriod {
  from: string;
  to: string;
}

/**
 * What a computed indicator is measured from: the Sozialraum-year's events as the view shows them
 * (already cut to the business date and knowledge horizon asked for), the period, and the
 * Sozialraum's dated facts in force on the period's last day.
 */
export interface ComputedIndicatorInput {
  sozialraumId: string;
  fiscalYear: number;
  period: IndicatorPeriod;
  events: BookEvent[];
  residentsUnder21: number | null;
}

/**
 * An indicator's measured value, exact: value = numerator / denominator × scale (100 for %,
 * 1,000 for per 1,000, 1 otherwise). `value` is null when the denominator is 0 or unknown.
 * `caseCount` is the number of distinct approvals the figure rests on (R12 small cells), null
 * for money-based indicators.
 */
export interface MeasuredValue {
  value: Decimal | null;
  numerator: Decimal;
  denominator: Decimal | null;
  caseCount: number | null;
}

export type ComputedIndicator = (input: ComputedIndicatorInput) => MeasuredValue;
