import { Decimal } from '../../../libs/money';
import { BudgetContractTerms } from '../../budgets';
import { TimelineEntry } from './forecast-timeline';

export const THRESHOLD_KINDS = ['warning', 'procedure', 'renegotiation'] as const;
export type ThresholdKind = (typeof THRESHOLD_KINDS)[number];

export const THRESHOLD_EVENT: Record<ThresholdKind, string> = {
  warning: 'BudgetWarningRaised',
  procedure: 'OverrunProcedureOpened',
  renegotiation: 'RenegotiationTriggered',
};

export interface Crossing {
  kind: ThresholdKind;
  thresholdPct: string;
  businessDate: string;
  /** The event whose business date crossed the line. */
  eventId: string;
  forecast: Decimal;
  budget: Decimal;
}

/** The threshold of a kind, in % of B, under the given contract terms. */
export function thresholdPct(terms: BudgetContractTerms, kind: ThresholdKind): string {
  return kind === 'warning' ? terms.warningThresholdPct : kind === 'procedure' ? terms.procedureThresholdPct : terms.renegotiationThresholdPct;
}

/**
 * R7: the first upward crossing of each threshold in the business-date timeline: forecast above
 * the threshold % of B, on the business date of the event that crossed it. Deterministic for a
 * given history, so replays and rebuilds find the same crossings.
 */
export function firstCrossings(timeline: TimelineEntry[], termsOn: (date: string) => BudgetContractTerms): Crossing[] {
  const found = new Map<ThresholdKind, Crossing>();
  for (const entry of timeline) {
    if (entry.budget.isZero()) continue;
    const terms = termsOn(entry.businessDate);
    for (const kind of THRESHOLD_KINDS) {
      if (found.has(kind)) continue;
      const pct = thresholdPct(terms, kind);
      if (entry.forecast.greaterThan(entry.budget.times(pct).div(100))) {
        found.set(kind, { kind, thresholdPct: pct, businessDate: entry.businessDate, eventId: entry.eventId, forecast: entry.forecast, budget: entry.budget });
      }
    }
  }
  return THRESHOLD_KINDS.filter((k) => found.has(k)).map((k) => found.get(k) as Crossing);
}

/** R7 under-run: from the review month on, forecast below (100 % − corridor) of B. */
export function isUnderrun(forecast: Decimal, budget: Decimal, terms: BudgetContractTerms): boolean {
  if (budget.isZero()) return false;
  return forecast.lessThan(budget.times(new Decimal(100).minus(terms.corridorPct)).div(100));
}
