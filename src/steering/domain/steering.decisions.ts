import { DomainError, refuse } from '../../../libs/ddd/domain-error';
import { Decimal, formatAmount, formatPercent } from '../../../libs/money';
import { addDays, lastDayOfMonth, monthNumber, yearOf } from '../../../libs/calendar';
import { BudgetContractTerms, competentBody } from '../../budgets';
import { Crossing, THRESHOLD_EVENT, THRESHOLD_KINDS, isUnderrun } from './thresholds';
import { SettlementFigures } from './settlement';
import { ProcedureFigures, kaemmereiReport } from './kaemmerei-report';
import { SteeringEvent } from './steering.events';
import { ProcedureState, SteeringState } from './steering-stream';

const pct = (forecast: Decimal, budget: Decimal) => (budget.isZero() ? '0.00' : formatPercent(forecast.div(budget).times(100)));

/**
 * R7 thresholds, exactly once per year: raises what is newly crossed on the crossing's business
 * date; a late correction that moves (or removes) a recorded crossing is recorded and explained,
 * never raised a second time.
 */
export function decideCrossings(computed: Crossing[], state: SteeringState, sozialraumId: string, fiscalYear: number): SteeringEvent[] {
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
      pctOfBudget: pct(crossing.forecast, crossing.budget),
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
        events.push({ type: 'OverrunProcedureOpened', data: { ...data, procedureId: `UEV-${sozialraumId}-${fiscalYear}`, meetingDueBy: addDays(crossing.businessDate, 14) }, businessDate: crossing.businessDate });
      } else {
        events.push({ type: THRESHOLD_EVENT[crossing.kind] as 'BudgetWarningRaised', data, businessDate: crossing.businessDate });
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

export interface MonthCloseFigures {
  forecast: Decimal;
  budget: Decimal;
  monitoringList: unknown;
  logPosition: bigint;
}

/**
 * Month close: freezes the month's Haushaltsüberwachungsliste and runs the under-run check (R7).
 * A month closes once its last day has come: `closedOn` (the command's business date) on or
 * after the month end; when omitted the caller has checked it.
 */
export function decideMonthClose(month: string, fiscalYear: number, sozialraumId: string, figures: MonthCloseFigures, terms: BudgetContractTerms, state: SteeringState, closedOn?: string): SteeringEvent[] {
  if (yearOf(month) !== fiscalYear) refuse('month-outside-year', 'Month outside the fiscal year', `${month} is not a month of ${fiscalYear}`);
  if (state.closedMonths.includes(month)) throw new DomainError('month-already-closed', 'Month already closed', `${month} is closed already`, 409);
  const monthEnd = lastDayOfMonth(month);
  if (closedOn !== undefined && closedOn < monthEnd) {
    refuse('month-not-ended', 'Month not ended', `${month} ends on ${monthEnd}; it cannot be closed on ${closedOn}`, { monthEnd });
  }
  const events: SteeringEvent[] = [
    {
      type: 'MonthClosed',
      data: {
        sozialraumId,
        fiscalYear,
        month,
        monitoringList: figures.monitoringList,
        forecast: formatAmount(figures.forecast),
        budget: formatAmount(figures.budget),
        pctOfBudget: pct(figures.forecast, figures.budget),
        logPosition: figures.logPosition.toString(),
      },
      businessDate: monthEnd,
    },
  ];
  if (!state.underrunDetectedOn && monthNumber(month) >= terms.underrunReviewMonth && isUnderrun(figures.forecast, figures.budget, terms)) {
    events.push({
      type: 'UnderrunDetected',
      data: {
        sozialraumId,
        fiscalYear,
        month,
        forecast: formatAmount(figures.forecast),
        budget: formatAmount(figures.budget),
        underrunLine: formatAmount(figures.budget.times(new Decimal(100).minus(terms.corridorPct)).div(100)),
        pctOfBudget: pct(figures.forecast, figures.budget),
      },
      businessDate: monthEnd,
    });
  }
  return events;
}

function openProcedure(state: SteeringState) {
  if (!state.procedure) throw new DomainError('no-overrun-procedure', 'Not found', 'no overrun procedure has been opened for this Sozialraum-year', 404);
  if (state.procedure.closed) refuse('procedure-closed', 'Procedure closed', `the overrun procedure was closed on ${state.procedure.closed.closedOn}`);
  return state.procedure;
}

/**
 * R7: the steering meeting is held by the Jugendamt and the lead provider of the Trägerverbund on
 * the meeting day; further organisations (members, the Kämmerei) may take part.
 */
export function decideSteeringMeeting(
  heldOn: string,
  participants: Array<{ organisationId: string; role: string }>,
  measures: string[],
  state: SteeringState,
  parties: { jugendamtId: string; leadProviderId: string | null },
): SteeringEvent[] {
  const procedure = openProcedure(state);
  if (heldOn < procedure.openedOn) refuse('meeting-before-procedure', 'Meeting before the procedure', `the procedure opened on ${procedure.openedOn}`);
  const present = new Set(participants.map((p) => p.organisationId));
  const missing = [parties.jugendamtId, parties.leadProviderId ?? 'the lead provider'].filter((org) => !present.has(org));
  if (missing.length) {
    refuse('meeting-needs-both-parties', 'Both parties must take part', `a steering meeting is held by the Jugendamt and the lead provider; not among the participants: ${missing.join(', ')}`, {
      missing,
    });
  }
  // Plain values only: the event is stored as JSON, whatever shape the caller's objects had.
  const attendees = participants.map((p) => ({ organisationId: p.organisationId, role: p.role }));
  return [{ type: 'SteeringMeetingHeld', data: { procedureId: procedure.procedureId, heldOn, participants: attendees, measures: [...measures] }, businessDate: heldOn }];
}

export interface SupplementaryRequest {
  kind: 'ueberplanmaessig' | 'ausserplanmaessig';
  amount: Decimal;
  justification: string;
  coverSource: string;
}

export function decideSupplementaryRequest(request: SupplementaryRequest, terms: BudgetContractTerms, state: SteeringState): SteeringEvent[] {
  const procedure = openProcedure(state);
  return [
    {
      type: 'SupplementaryExpenditureRequested',
      data: {
        procedureId: procedure.procedureId,
        requestId: `${procedure.procedureId}-A${procedure.requests.length + 1}`,
        kind: request.kind,
        amount: formatAmount(request.amount),
        justification: request.justification,
        coverSource: request.coverSource,
        competentBody: competentBody(terms, request.amount),
      },
    },
  ];
}

/** R9: only the body that the value limits name for the amount decides. */
export function decideSupplementaryDecision(requestId: string, body: string, approved: boolean, decisionReference: string, note: string | null, state: SteeringState): SteeringEvent[] {
  const procedure = openProcedure(state);
  const request = procedure.requests.find((r) => r.requestId === requestId);
  if (!request) throw new DomainError('request-not-found', 'Not found', `there is no supplementary-expenditure request ${requestId}`, 404);
  if (request.decision) refuse('request-decided', 'Already decided', `request ${requestId} was decided by the ${request.decision.body} on ${request.decision.decidedOn}`);
  if (body !== request.competentBody) {
    refuse('wrong-deciding-body', 'Wrong deciding body', `${request.amount} € is decided by the ${request.competentBody} under the value limits in force, not by the ${body}`, { competentBody: request.competentBody });
  }
  return [{ type: 'SupplementaryExpenditureDecided', data: { procedureId: procedure.procedureId, requestId, body, approved, decisionReference, note } }];
}

/** The procedure the report is about: 404 without one (closed ones are still reported on). */
export function procedureToReport(state: SteeringState): SteeringState & { procedure: ProcedureState } {
  if (!state.procedure) throw new DomainError('no-overrun-procedure', 'Not found', 'no overrun procedure has been opened for this Sozialraum-year', 404);
  return state as SteeringState & { procedure: ProcedureState };
}

/**
 * R7: the Kämmerei gets a report of the overrun procedure. Each sending is recorded with the
 * figures as sent (a frozen copy); it may be sent again later with updated figures.
 */
export function decideKaemmereiReport(
  sending: { reportedOn: string; reference: string },
  figures: ProcedureFigures & { logPosition: bigint },
  sozialraumId: string,
  fiscalYear: number,
  termsOn: (date: string) => BudgetContractTerms,
  state: SteeringState,
): SteeringEvent[] {
  const procedure = openProcedure(state);
  if (sending.reportedOn < procedure.openedOn) refuse('report-before-procedure', 'Report before the procedure', `the procedure opened on ${procedure.openedOn}`);
  const report = kaemmereiReport(sozialraumId, fiscalYear, figures, state as SteeringState & { procedure: ProcedureState }, termsOn);
  return [
    {
      type: 'KaemmereiReported',
      data: {
        procedureId: procedure.procedureId,
        reportNo: procedure.kaemmereiReports.length + 1,
        reportedOn: sending.reportedOn,
        reference: sending.reference,
        // Plain values only, copied: the event keeps the figures as they were sent.
        report: JSON.parse(JSON.stringify(report)),
        logPosition: figures.logPosition.toString(),
      },
      businessDate: sending.reportedOn,
    },
  ];
}

export function decideCloseProcedure(outcome: string, state: SteeringState): SteeringEvent[] {
  const procedure = openProcedure(state);
  if (procedure.meetings.length === 0) refuse('meeting-missing', 'Steering meeting missing', 'an overrun procedure closes after the steering meeting has been held');
  const undecided = procedure.requests.filter((r) => !r.decision);
  if (undecided.length) refuse('requests-undecided', 'Requests undecided', `undecided supplementary-expenditure requests: ${undecided.map((r) => r.requestId).join(', ')}`);
  return [{ type: 'OverrunProcedureClosed', data: { procedureId: procedure.procedureId, outcome } }];
}

export function decideCalculateSettlement(figures: SettlementFigures, sozialraumId: string, fiscalYear: number, leadProviderId: string | null, logPosition: bigint, state: SteeringState): SteeringEvent[] {
  if (state.settlement) throw new DomainError('settlement-exists', 'Settlement exists', `the settlement of ${fiscalYear} was calculated on ${state.settlement.calculatedOn}`, 409);
  return [{ type: 'SettlementCalculated', data: { settlementId: `ABR-${sozialraumId}-${fiscalYear}`, sozialraumId, fiscalYear, figures, leadProviderId, logPosition: logPosition.toString() } }];
}

/** Two confirmations by different organisations: the Jugendamt and the lead provider. */
export function decideConfirmSettlement(party: 'jugendamt' | 'lead-provider', organisationId: string, state: SteeringState): SteeringEvent[] {
  const settlement = state.settlement;
  if (!settlement) throw new DomainError('settlement-not-found', 'Not found', 'the settlement has not been calculated yet', 404);
  if (settlement.confirmations.some((c) => c.party === party)) refuse('already-confirmed', 'Already confirmed', `the ${party === 'jugendamt' ? 'Jugendamt' : 'lead provider'} confirmed already`);
  if (settlement.confirmations.some((c) => c.organisationId === organisationId)) {
    refuse('confirmation-by-other-organisation-required', 'The other organisation must confirm', `${organisationId} confirmed already; the second confirmation comes from the other party`);
  }
  if (party === 'lead-provider' && settlement.leadProviderId && organisationId !== settlement.leadProviderId) {
    throw new DomainError('not-lead-provider', 'Forbidden', `only the lead provider ${settlement.leadProviderId} confirms for the providers`, 403);
  }
  return [{ type: 'SettlementConfirmed', data: { settlementId: settlement.settlementId, party, organisationId } }];
}

export function settlementReadyToApply(state: SteeringState): boolean {
  return !!state.settlement && !state.settlement.applied && state.settlement.confirmations.length >= 2;
}
