import { Decimal, ZERO, formatAmount, formatPercent } from '../../../libs/money';
import { BudgetContractTerms } from '../../budgets';
import { THRESHOLD_KINDS, thresholdPct } from './thresholds';
import { KaemmereiReportContent, SupplementaryRequestDue } from './steering.events';
import { ProcedureState, SteeringState } from './steering-stream';

/** The figures of the Sozialraum-year a report and the request check are computed from. */
export interface ProcedureFigures {
  budget: Decimal;
  forecast: Decimal;
  actual: Decimal;
}

const max0 = (v: Decimal) => (v.isNegative() ? ZERO : v);

/**
 * R7: a supplementary-expenditure request for the forecast excess is due unless covered. The
 * excess is the forecast over B (never negative); requests count unless rejected (undecided ones
 * cover until decided); outstanding = excess − requested, not below zero. A closed procedure
 * takes no more requests, so nothing is due there.
 */
export function supplementaryRequestDue(figures: ProcedureFigures, procedure: ProcedureState): SupplementaryRequestDue {
  const forecastExcess = max0(figures.forecast.minus(figures.budget));
  let requested = ZERO;
  let approved = ZERO;
  for (const request of procedure.requests) {
    if (request.decision && !request.decision.approved) continue;
    requested = requested.plus(request.amount);
    if (request.decision?.approved) approved = approved.plus(request.amount);
  }
  const outstanding = max0(forecastExcess.minus(requested));
  return {
    forecastExcess: formatAmount(forecastExcess),
    requested: formatAmount(requested),
    approved: formatAmount(approved),
    outstanding: formatAmount(outstanding),
    due: !procedure.closed && outstanding.greaterThan(0),
  };
}

/** The report of the overrun procedure to the Kämmerei, from the given figures and procedure state. */
export function kaemmereiReport(
  sozialraumId: string,
  fiscalYear: number,
  figures: ProcedureFigures,
  state: SteeringState & { procedure: ProcedureState },
  termsOn: (date: string) => BudgetContractTerms,
): KaemmereiReportContent {
  const procedure = state.procedure;
  const { budget, forecast, actual } = figures;
  const crossings = THRESHOLD_KINDS.filter((kind) => state.crossings[kind]).map((kind) => {
    const crossedOn = state.crossings[kind]!.businessDate;
    return { kind, thresholdPct: thresholdPct(termsOn(crossedOn), kind), crossedOn };
  });
  return {
    procedureId: procedure.procedureId,
    sozialraumId,
    fiscalYear,
    openedOn: procedure.openedOn,
    crossingWithdrawnOn: procedure.crossingWithdrawnOn,
    budget: formatAmount(budget),
    forecast: formatAmount(forecast),
    forecastPctOfBudget: budget.isZero() ? '0.00' : formatPercent(forecast.div(budget).times(100)),
    forecastExcess: formatAmount(max0(forecast.minus(budget))),
    actual: formatAmount(actual),
    crossings,
    meetingDueBy: procedure.meetingDueBy,
    meetings: procedure.meetings.map((m) => ({
      heldOn: m.heldOn,
      participants: m.participants.map((p) => ({ organisationId: p.organisationId, role: p.role })),
      measures: [...m.measures],
    })),
    supplementaryRequests: procedure.requests.map((r) => ({
      requestId: r.requestId,
      kind: r.kind,
      amount: r.amount,
      requestedOn: r.requestedOn,
      justification: r.justification,
      coverSource: r.coverSource,
      competentBody: r.competentBody,
      decision: r.decision ? { ...r.decision } : null,
    })),
    supplementaryRequestDue: supplementaryRequestDue(figures, procedure),
    previousReports: procedure.kaemmereiReports.map((r) => ({ reportNo: r.reportNo, reportedOn: r.reportedOn, reference: r.reference })),
  };
}
