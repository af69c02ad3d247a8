import { DomainError, refuse, NotFound } from '../../../libs/ddd/domain-error';
import { Decimal, formatAmount } from '../../../libs/money';
import { lastDayOfMonth, yearOf } from '../../../libs/calendar';
import { BudgetContractTerms, competentBody } from '../../budgets';
import { pctOfBudget, underrunAtMonthClose, underrunLine } from './thresholds';
import { calculateSettlement } from './settlement';
import { ProcedureFigures, kaemmereiReport } from './kaemmerei-report';
import { SettlementAppliedData, SteeringEvent } from './steering.events';
import { ProcedureState, SteeringState } from './steering-stream';

/** The Sozialraum-year a steering command is about (its steering stream). */
export interface SteeringYear {
  sozialraumId: string;
  fiscalYear: number;
}

export interface MonthClose extends SteeringYear {
  month: string;
  /** The command's business date; when omitted the caller has checked that the month has ended. */
  closedOn?: string;
}

/** The book as of the month end, as known at the close, and the contract in force then. */
export interface MonthCloseFigures {
  forecast: Decimal;
  budget: Decimal;
  monitoringList: unknown;
  logPosition: bigint;
  terms: BudgetContractTerms;
}

/**
 * Month close: freezes the month's Haushaltsüberwachungsliste and runs the under-run check (R7).
 * A month closes once its last day has come: `closedOn` on or after the month end.
 */
export function decideMonthClose(command: MonthClose, state: SteeringState, figures: MonthCloseFigures): SteeringEvent[] {
  const { sozialraumId, fiscalYear, month, closedOn } = command;
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
        pctOfBudget: pctOfBudget(figures.forecast, figures.budget),
        logPosition: figures.logPosition.toString(),
      },
      businessDate: monthEnd,
    },
  ];
  if (underrunAtMonthClose(month, state, figures)) {
    events.push({
      type: 'UnderrunDetected',
      data: {
        sozialraumId,
        fiscalYear,
        month,
        forecast: formatAmount(figures.forecast),
        budget: formatAmount(figures.budget),
        underrunLine: formatAmount(underrunLine(figures.budget, figures.terms)),
        pctOfBudget: pctOfBudget(figures.forecast, figures.budget),
      },
      businessDate: monthEnd,
    });
  }
  return events;
}

function openProcedure(state: SteeringState) {
  if (!state.procedure) throw new NotFound('no-overrun-procedure', 'no overrun procedure has been opened for this Sozialraum-year');
  if (state.procedure.closed) refuse('procedure-closed', 'Procedure closed', `the overrun procedure was closed on ${state.procedure.closed.closedOn}`);
  return state.procedure;
}

/**
 * R7: the steering meeting is held by the Jugendamt and the lead provider of the Trägerverbund on
 * the meeting day; further organisations (members, the Kämmerei) may take part.
 */
export function decideSteeringMeeting(
  command: { heldOn: string; participants: Array<{ organisationId: string; role: string }>; measures: string[] },
  state: SteeringState,
  parties: { jugendamtId: string; leadProviderId: string | null },
): SteeringEvent[] {
  const { heldOn, participants, measures } = command;
  const procedure = openProcedure(state);
  if (heldOn < procedure.openedOn) refuse('meeting-before-procedure', 'Meeting before the procedure', `the procedure opened on ${procedure.openedOn}`);
  const present = new Set(participants.map((p) => p.organisationId));
  const missing = [parties.jugendamtId, parties.leadProviderId ?? 'the lead provider'].filter((org) => !present.has(org));
  if (missing.length) {
    refuse(
      'meeting-needs-both-parties',
      'Both parties must take part',
      `a steering meeting is held by the Jugendamt and the lead provider; not among the participants: ${missing.join(', ')}`,
      {
        missing,
      },
    );
  }
  // Plain values only: the event is stored as JSON, whatever shape the caller's objects had.
  const attendees = participants.map((p) => ({ organisationId: p.organisationId, role: p.role }));
  return [
    {
      type: 'SteeringMeetingHeld',
      data: { procedureId: procedure.procedureId, heldOn, participants: attendees, measures: [...measures] },
      businessDate: heldOn,
    },
  ];
}

export interface SupplementaryRequest {
  kind: 'ueberplanmaessig' | 'ausserplanmaessig';
  amount: Decimal;
  justification: string;
  coverSource: string;
}

/** R9: the request names the body that the value limits in force name for its amount. */
export function decideSupplementaryRequest(request: SupplementaryRequest, state: SteeringState, facts: { terms: BudgetContractTerms }): SteeringEvent[] {
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
        competentBody: competentBody(facts.terms, request.amount),
      },
    },
  ];
}

/** R9: only the body that the value limits name for the amount decides. */
export interface SupplementaryDecision {
  requestId: string;
  body: string;
  approved: boolean;
  decisionReference: string;
  note: string | null;
}

export function decideSupplementaryDecision(command: SupplementaryDecision, state: SteeringState): SteeringEvent[] {
  const { requestId, body, approved, decisionReference, note } = command;
  const procedure = openProcedure(state);
  const request = procedure.requests.find((r) => r.requestId === requestId);
  if (!request) throw new NotFound('request-not-found', `there is no supplementary-expenditure request ${requestId}`);
  if (request.decision)
    refuse('request-decided', 'Already decided', `request ${requestId} was decided by the ${request.decision.body} on ${request.decision.decidedOn}`);
  if (body !== request.competentBody) {
    refuse(
      'wrong-deciding-body',
      'Wrong deciding body',
      `${request.amount} € is decided by the ${request.competentBody} under the value limits in force, not by the ${body}`,
      { competentBody: request.competentBody },
    );
  }
  return [{ type: 'SupplementaryExpenditureDecided', data: { procedureId: procedure.procedureId, requestId, body, approved, decisionReference, note } }];
}

/** The procedure the report is about: 404 without one (closed ones are still reported on). */
export function procedureToReport(state: SteeringState): SteeringState & { procedure: ProcedureState } {
  if (!state.procedure) throw new NotFound('no-overrun-procedure', 'no overrun procedure has been opened for this Sozialraum-year');
  return state as SteeringState & { procedure: ProcedureState };
}

/**
 * R7: the Kämmerei gets a report of the overrun procedure. Each sending is recorded with the
 * figures as sent (a frozen copy); it may be sent again later with updated figures.
 */
export interface KaemmereiSending extends SteeringYear {
  reportedOn: string;
  reference: string;
}

/** The book replayed from the log up to `logPosition`, and the contract terms by date (for the thresholds the report names). */
export interface KaemmereiReportFacts extends ProcedureFigures {
  logPosition: bigint;
  termsOn: (date: string) => BudgetContractTerms;
}

export function decideKaemmereiReport(sending: KaemmereiSending, state: SteeringState, facts: KaemmereiReportFacts): SteeringEvent[] {
  const { sozialraumId, fiscalYear } = sending;
  const procedure = openProcedure(state);
  if (sending.reportedOn < procedure.openedOn)
    refuse('report-before-procedure', 'Report before the procedure', `the procedure opened on ${procedure.openedOn}`);
  const { termsOn, logPosition: _logPosition, ...figures } = facts;
  const report = kaemmereiReport(sozialraumId, fiscalYear, figures, { ...state, procedure }, termsOn);
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
        logPosition: facts.logPosition.toString(),
      },
      businessDate: sending.reportedOn,
    },
  ];
}

export function decideCloseProcedure(command: { outcome: string }, state: SteeringState): SteeringEvent[] {
  const { outcome } = command;
  const procedure = openProcedure(state);
  if (procedure.meetings.length === 0)
    refuse('meeting-missing', 'Steering meeting missing', 'an overrun procedure closes after the steering meeting has been held');
  const undecided = procedure.requests.filter((r) => !r.decision);
  if (undecided.length)
    refuse('requests-undecided', 'Requests undecided', `undecided supplementary-expenditure requests: ${undecided.map((r) => r.requestId).join(', ')}`);
  return [{ type: 'OverrunProcedureClosed', data: { procedureId: procedure.procedureId, outcome } }];
}

/**
 * Whether the budget of the year is closed; once it is, the year's book as known at the log
 * position, the contract in force at the year end, and the lead provider who confirms.
 */
export type SettlementFacts =
  | { yearClosed: false }
  | {
      yearClosed: true;
      budget: Decimal;
      flexibleBudget: Decimal;
      actual: Decimal;
      terms: BudgetContractTerms;
      leadProviderId: string | null;
      logPosition: bigint;
    };

/** R10: the settlement is calculated once, after the year close, with every intermediate figure. */
export function decideCalculateSettlement(command: SteeringYear, state: SteeringState, facts: SettlementFacts): SteeringEvent[] {
  const { sozialraumId, fiscalYear } = command;
  if (!facts.yearClosed)
    throw new DomainError('year-not-closed', 'Fiscal year not closed', `the settlement of ${fiscalYear} is calculated after the year close`, 422);
  const { leadProviderId, logPosition } = facts;
  if (state.settlement)
    throw new DomainError('settlement-exists', 'Settlement exists', `the settlement of ${fiscalYear} was calculated on ${state.settlement.calculatedOn}`, 409);
  const figures = calculateSettlement(facts.budget, facts.flexibleBudget, facts.actual, facts.terms);
  return [
    {
      type: 'SettlementCalculated',
      data: { settlementId: `ABR-${sozialraumId}-${fiscalYear}`, sozialraumId, fiscalYear, figures, leadProviderId, logPosition: logPosition.toString() },
    },
  ];
}

/** Two confirmations by different organisations: the Jugendamt and the lead provider. */
export function decideConfirmSettlement(command: { party: 'jugendamt' | 'lead-provider'; organisationId: string }, state: SteeringState): SteeringEvent[] {
  const { party, organisationId } = command;
  const settlement = state.settlement;
  if (!settlement) throw new NotFound('settlement-not-found', 'the settlement has not been calculated yet');
  if (settlement.confirmations.some((c) => c.party === party))
    refuse('already-confirmed', 'Already confirmed', `the ${party === 'jugendamt' ? 'Jugendamt' : 'lead provider'} confirmed already`);
  if (settlement.confirmations.some((c) => c.organisationId === organisationId)) {
    refuse(
      'confirmation-by-other-organisation-required',
      'The other organisation must confirm',
      `${organisationId} confirmed already; the second confirmation comes from the other party`,
    );
  }
  if (party === 'lead-provider' && settlement.leadProviderId && organisationId !== settlement.leadProviderId) {
    throw new DomainError('not-lead-provider', 'Forbidden', `only the lead provider ${settlement.leadProviderId} confirms for the providers`, 403);
  }
  return [{ type: 'SettlementConfirmed', data: { settlementId: settlement.settlementId, party, organisationId } }];
}

export function settlementReadyToApply(state: SteeringState): boolean {
  return !!state.settlement && !state.settlement.applied && state.settlement.confirmations.length >= 2;
}

/**
 * R10: what the confirmed settlement becomes in the next fiscal year (a malus, a carry-forward or
 * nothing), refused unless both parties confirmed it and it has not been applied; money moves
 * only into a next year's budget that exists.
 */
export function settlementApplication(command: SteeringYear, state: SteeringState, facts: { nextYearBudget: boolean }): SettlementAppliedData {
  const { sozialraumId, fiscalYear } = command;
  if (!state.settlement) throw new NotFound('settlement-not-found', 'the settlement has not been calculated yet');
  if (state.settlement.confirmations.length < 2) {
    throw new DomainError(
      'settlement-not-confirmed',
      'Settlement not confirmed',
      'the settlement is applied after the Jugendamt and the lead provider have both confirmed it',
      422,
    );
  }
  if (state.settlement.applied) throw new DomainError('settlement-applied', 'Settlement applied', 'the settlement has been applied already', 409);
  const figures = state.settlement.figures;
  const kind: SettlementAppliedData['kind'] = figures.outcome === 'overrun' ? 'malus' : figures.outcome === 'underrun' ? 'carry-forward' : 'none';
  if (kind !== 'none' && !facts.nextYearBudget) {
    throw new DomainError(
      'next-year-budget-missing',
      'Next year budget missing',
      `allocate the ${fiscalYear + 1} budget of ${sozialraumId} first; the settlement is applied to its fallunspezifisch money`,
      422,
    );
  }
  return {
    settlementId: state.settlement.settlementId,
    toFiscalYear: fiscalYear + 1,
    kind,
    amount: kind === 'malus' ? figures.providerShare : figures.carryForward,
  };
}

/** Records the application on the steering stream once (the budget takes a settlement once per id too). */
export function decideSettlementApplied(command: SettlementAppliedData, state: SteeringState): SteeringEvent[] {
  return state.settlement?.applied ? [] : [{ type: 'SettlementApplied', data: { ...command } }];
}

/** The year closes only when no work of the year waits (invoices to verify, activities to decide, instalments to order). */
export function refuseWhileWorkPending<P extends { id: string }>(command: { fiscalYear: number }, facts: { pending: P[] }): void {
  const { pending } = facts;
  if (pending.length) {
    throw new DomainError(
      'year-has-pending-work',
      'Work of the year is pending',
      `${pending.length} item(s) of ${command.fiscalYear} still wait for verification or a decision: ${pending.map((p) => p.id).join(', ')}`,
      422,
      { pending },
    );
  }
}
