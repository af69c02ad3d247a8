import { Decimal } from '../../../libs/money';
import { BookEvent } from '../../steering';
import { COMPUTED_INDICATORS, IndicatorPeriod, MeasuredValue } from './computed';
import { IndicatorDefinition, isComputed } from './indicator-catalogue';
import { ValueReport, aggregateReports } from './reported-values';

export interface MeasurementInput {
  sozialraumId: string;
  fiscalYear: number;
  period: IndicatorPeriod;
  /** The Sozialraum-year's events as the view shows them. */
  events: BookEvent[];
  residentsUnder21: number | null;
  /** Every report of the Sozialraum-year as the view shows them (corrections included). */
  reports: ValueReport[];
}

/** One indicator measured over a period: computed from the events, or aggregated from the reports. */
export function measureIndicator(definition: IndicatorDefinition, input: MeasurementInput): MeasuredValue {
  if (isComputed(definition.key)) return COMPUTED_INDICATORS[definition.key](input);
  const own = input.reports.filter((r) => r.indicatorKey === definition.key);
  const { value, periods } = aggregateReports(own, input.period, definition.aggregation ?? 'sum');
  return { value, numerator: value ?? new Decimal(0), denominator: periods ? new Decimal(periods) : null, caseCount: null };
}

/**
 * The quarters of a fiscal year, each measured from the year's start (year to date) as a
 * controller follows a yearly target; as of a day inside the year, quarters not yet begun are
 * left out and the running one ends on that day.
 */
export function yearToDatePeriods(fiscalYear: number, asOf?: string): Array<{ label: string; period: IndicatorPeriod }> {
  const from = `${fiscalYear}-01-01`;
  const quarters = [
    ['Q1', '01-01', '03-31'],
    ['Q2', '04-01', '06-30'],
    ['Q3', '07-01', '09-30'],
    ['Q4', '10-01', '12-31'],
  ];
  return quarters
    .filter(([, start]) => asOf === undefined || `${fiscalYear}-${start}` <= asOf)
    .map(([label, , end]) => {
      const to = `${fiscalYear}-${end}`;
      return { label, period: { from, to: asOf !== undefined && asOf < to ? asOf : to } };
    });
}
