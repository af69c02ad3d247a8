import { Decimal, formatAmount, formatPercent } from '../../../libs/money';
import { addDays, monthNumber } from '../../../libs/calendar';
import { BudgetContractTerms } from '../../budgets';
import { TimelineChange, TimelineEntry, timelineOf } from './forecast-timeline';
import { SteeringEvent, THRESHOLD_KINDS, ThresholdKind } from './steering.events';
import type { SteeringState } from './steering-stream';

/**
 * R7, the thresholds on B by forecast: warning above 100 %, overrun procedure above 105 % (the
 * steering meeting due within 14 days), renegotiation above 110 % (the percentages are the
 * contract's); each raised once per fiscal year, on the business date of the event that first
 * crossed it; a later correction that moves a crossing to another date, removes it or lets a
 * removed one stand again is stated as a move with its explanation, never as a second raise.
 * The under-run: from the review month on, a month close with the forecast below
 * (100 % − corridor) of B, once.
 */

export { THRESHOLD_KINDS };
export type { ThresholdKind };

export const THRESHOLD_EVENT = {
  warning: 'BudgetWarningRaised',
  procedure: 'OverrunProcedureOpened',
  renegotiation: 'RenegotiationTriggered',
} as const satisfies Record<ThresholdKind, SteeringEvent['type']>;

export interface Crossing {
  kind: ThresholdKind;
  thresholdPct: string;
  businessDate: string;
  /** The event whose business date crossed the line. */
  eventId: string;
  forecast: Decimal;
  budget: Decimal;
}

/** The forecast in % of B as events state it (0 without a B). */
export const pctOfBudget = (forecast: Decimal, budget: Decimal) => (budget.isZero() ? '0.00' : formatPercent(forecast.div(budget).times(100)));

/** The threshold of a kind, in % of B, under the given contract terms. */
export function thresholdPct(terms: BudgetContractTerms, kind: ThresholdKind): string {
  return kind === 'warning' ? terms.warningThresholdPct : kind === 'procedure' ? terms.procedureThresholdPct : terms.renegotiationThresholdPct;
}

/**
 * The first upward crossing of each threshold in the business-date timeline: forecast above
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

/** The Sozialraum-year whose crossings are decided (the steering stream's). */
export interface ThresholdYear {
  sozialraumId: string;
  fiscalYear: number;
}

/**
 * The crossings the history makes, stated against the crossings recorded: raises what is newly
 * crossed on the crossing's business date; a recorded crossing on another date is moved, one the
 * history no longer makes is withdrawn, a withdrawn one that stands again is moved back.
 */
export function decideCrossings(command: ThresholdYear, state: SteeringState, facts: { crossings: Crossing[] }): SteeringEvent[] {
  const { sozialraumId, fiscalYear } = command;
  const computed = facts.crossings;
  const events: SteeringEvent[] = [];
  for (const crossing of computed) {
    const recorded = state.crossings[crossing.kind];
    const data = {
      sozialraumId,
      fiscalYear,
      kind: crossing.kind,
      thresholdPct: crossing.thresholdPct,
      forecast: formatAmount(crossing.forecast),
      budget: formatAmount(crossing.budget),
      pctOfBudget: pctOfBudget(crossing.forecast, crossing.budget),
      causeEventId: crossing.eventId,
    };
    const withdrawn = state.withdrawnCrossings[crossing.kind];
    if (!recorded && withdrawn) {
      events.push({
        type: 'ThresholdCrossingMoved',
        data: {
          kind: crossing.kind,
          previousDate: null,
          newDate: crossing.businessDate,
          causeEventId: crossing.eventId,
          explanation: `bookings recorded later carry the forecast over ${crossing.thresholdPct} % again, from ${crossing.businessDate}: the crossing first recorded for ${withdrawn.businessDate} and then withdrawn stands again`,
        },
        businessDate: crossing.businessDate,
      });
    } else if (!recorded) {
      if (crossing.kind === 'procedure') {
        events.push({
          type: THRESHOLD_EVENT.procedure,
          data: { ...data, procedureId: `UEV-${sozialraumId}-${fiscalYear}`, meetingDueBy: addDays(crossing.businessDate, 14) },
          businessDate: crossing.businessDate,
        });
      } else {
        events.push({ type: THRESHOLD_EVENT[crossing.kind], data, businessDate: crossing.businessDate });
      }
    } else if (recorded.businessDate !== crossing.businessDate) {
      events.push({
        type: 'ThresholdCrossingMoved',
        data: {
          kind: crossing.kind,
          previousDate: recorded.businessDate,
          newDate: crossing.businessDate,
          causeEventId: crossing.eventId,
          explanation: `a booking recorded later with business date ${crossing.businessDate} moves the first crossing of ${crossing.thresholdPct} % from ${recorded.businessDate} to ${crossing.businessDate}`,
        },
        businessDate: crossing.businessDate,
      });
    }
  }
  // In threshold order, not in the order the crossings object happens to hold its keys after moves.
  for (const kind of THRESHOLD_KINDS) {
    const recorded = state.crossings[kind];
    if (!recorded || computed.some((c) => c.kind === kind)) continue;
    events.push({
      type: 'ThresholdCrossingMoved',
      data: {
        kind,
        previousDate: recorded.businessDate,
        newDate: null,
        causeEventId: null,
        explanation: `corrections recorded later keep the forecast at or below the threshold all year: the crossing of ${recorded.businessDate} no longer stands`,
      },
      businessDate: recorded.businessDate,
    });
  }
  return events;
}

/** What the threshold watch knows of a Sozialraum-year: its changes of forecast and B, and the contract's thresholds by date. */
export interface ThresholdFacts {
  changes: TimelineChange[];
  termsOn: (date: string) => BudgetContractTerms;
}

/** What the threshold watch decides for one Sozialraum-year, from its change rows and the thresholds in force. */
export function decideThresholds(command: ThresholdYear, state: SteeringState, facts: ThresholdFacts): SteeringEvent[] {
  return decideCrossings(command, state, { crossings: firstCrossings(timelineOf(facts.changes), facts.termsOn) });
}

/** The under-run line: forecast below (100 % − corridor) of B. */
export function isUnderrun(forecast: Decimal, budget: Decimal, terms: BudgetContractTerms): boolean {
  if (budget.isZero()) return false;
  return forecast.lessThan(underrunLine(budget, terms));
}

export function underrunLine(budget: Decimal, terms: BudgetContractTerms): Decimal {
  return budget.times(new Decimal(100).minus(terms.corridorPct)).div(100);
}

/** Whether the close of `month` detects the under-run: from the review month on, below the line, once a year. */
export function underrunAtMonthClose(
  month: string,
  state: SteeringState,
  figures: { forecast: Decimal; budget: Decimal; terms: BudgetContractTerms },
): boolean {
  return !state.underrunDetectedOn && monthNumber(month) >= figures.terms.underrunReviewMonth && isUnderrun(figures.forecast, figures.budget, figures.terms);
}
