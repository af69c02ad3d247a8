import { refuse, NotFound } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { Decimal, formatAmount } from '../../../libs/money';
import { lastDayOfMonth, yearOf } from '../../../libs/calendar';
import { BudgetContractTerms, competentBody } from '../../budgets';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { STEERING_PROBLEMS } from '../steering.problems';
import { pctOfBudget, underrunAtMonthClose, underrunLine } from './thresholds';
import { calculateSettlement } from './settlement';
import { PerformanceEvaluation } from './performance-evaluation';
import { ProcedureFigures, kaemmereiReport } from './kaemmerei-report';
import { MonitoringListData, SettlementAppliedData, SteeringEvent } from './steering.events';
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
  monitoringList: MonitoringListData;
  logPosition: bigint;
  terms: BudgetContractTerms;
}

/**
 * Month close: freezes the month's Haushaltsüberwachungsliste and runs the under-run check (R7).
 * A month closes once its last day has come: `closedOn` on or after the month end.
 */
export function decideMonthClose(command: MonthClose, state: SteeringState, figures: MonthCloseFigures): SteeringEvent[] {
  const { sozialraumId, fiscalYear, month, closedOn } = command;
  if (yearOf(month) !== fiscalYear) {
    refuse(
      STEERING_PROBLEMS['month-outside-year'],
      text(`Der Monat ${month} gehört nicht zum Haushaltsjahr ${fiscalYear}.`, `${month} is not a month of ${fiscalYear}.`),
    );
  }
  if (state.closedMonths.includes(month)) {
    refuse(STEERING_PROBLEMS['month-already-closed'], text(`Der Monat ${month} ist bereits abgeschlossen.`, `${month} is closed already.`));
  }
  const monthEnd = lastDayOfMonth(month);
  if (closedOn !== undefined && closedOn < monthEnd) {
    refuse(
      STEERING_PROBLEMS['month-not-ended'],
      text(
        `Der Monat ${month} endet am ${monthEnd}; er kann nicht am ${closedOn} abgeschlossen werden.`,
        `${month} ends on ${monthEnd}; it cannot be closed on ${closedOn}.`,
      ),
      { monthEnd },
    );
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

const NO_PROCEDURE = text(
  'Für diesen Sozialraum ist in diesem Haushaltsjahr kein Überschreitungsverfahren eröffnet worden.',
  'No overrun procedure has been opened for this Sozialraum-year.',
);

/** The procedure was opened on `openedOn`: nothing of it is dated before. */
const openedOnly = (openedOn: string) => text(`Das Überschreitungsverfahren wurde erst am ${openedOn} eröffnet.`, `The procedure opened on ${openedOn}.`);

function openProcedure(state: SteeringState) {
  if (!state.procedure) throw new NotFound(STEERING_PROBLEMS['no-overrun-procedure'], NO_PROCEDURE);
  if (state.procedure.closed) {
    const { closedOn } = state.procedure.closed;
    refuse(
      STEERING_PROBLEMS['procedure-closed'],
      text(`Das Überschreitungsverfahren wurde am ${closedOn} abgeschlossen.`, `The overrun procedure was closed on ${closedOn}.`),
    );
  }
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
  if (heldOn < procedure.openedOn) refuse(STEERING_PROBLEMS['meeting-before-procedure'], openedOnly(procedure.openedOn));
  const present = new Set(participants.map((p) => p.organisationId));
  const missing = [parties.jugendamtId, parties.leadProviderId ?? 'the lead provider'].filter((org) => !present.has(org));
  if (missing.length) {
    const missingDe = missing.map((org) => (org === 'the lead provider' ? 'der federführende Träger' : org));
    refuse(
      STEERING_PROBLEMS['meeting-needs-both-parties'],
      text(
        `Eine Steuerungsrunde halten das Jugendamt und der federführende Träger ab; nicht unter den Teilnehmenden: ${missingDe.join(', ')}.`,
        `A steering meeting is held by the Jugendamt and the lead provider; not among the participants: ${missing.join(', ')}.`,
      ),
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
  if (!request) {
    throw new NotFound(
      STEERING_PROBLEMS['request-not-found'],
      text(`Es gibt keinen Antrag auf über- oder außerplanmäßige Aufwendungen ${requestId}.`, `There is no supplementary-expenditure request ${requestId}.`),
    );
  }
  if (request.decision) {
    const decided = request.decision;
    refuse(
      STEERING_PROBLEMS['request-decided'],
      text(
        `Über den Antrag ${requestId} wurde bereits am ${decided.decidedOn} entschieden (${decided.body}).`,
        `Request ${requestId} was decided by the ${decided.body} on ${decided.decidedOn}.`,
      ),
    );
  }
  if (body !== request.competentBody) {
    refuse(
      STEERING_PROBLEMS['wrong-deciding-body'],
      text(
        `Über ${request.amount} € entscheidet nach den geltenden Wertgrenzen: ${request.competentBody}, nicht ${body}.`,
        `${request.amount} € is decided by the ${request.competentBody} under the value limits in force, not by the ${body}.`,
      ),
      { competentBody: request.competentBody },
    );
  }
  return [{ type: 'SupplementaryExpenditureDecided', data: { procedureId: procedure.procedureId, requestId, body, approved, decisionReference, note } }];
}

/** The procedure the report is about: 404 without one (closed ones are still reported on). */
export function procedureToReport(state: SteeringState): SteeringState & { procedure: ProcedureState } {
  if (!state.procedure) throw new NotFound(STEERING_PROBLEMS['no-overrun-procedure'], NO_PROCEDURE);
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
  if (sending.reportedOn < procedure.openedOn) refuse(STEERING_PROBLEMS['report-before-procedure'], openedOnly(procedure.openedOn));
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
  if (procedure.meetings.length === 0) {
    refuse(
      STEERING_PROBLEMS['meeting-missing'],
      text(
        'Ein Überschreitungsverfahren wird erst abgeschlossen, nachdem die Steuerungsrunde stattgefunden hat.',
        'An overrun procedure closes after the steering meeting has been held.',
      ),
    );
  }
  const undecided = procedure.requests.filter((r) => !r.decision).map((r) => r.requestId);
  if (undecided.length) {
    refuse(
      STEERING_PROBLEMS['requests-undecided'],
      text(
        `Noch nicht entschiedene Anträge auf über- oder außerplanmäßige Aufwendungen: ${undecided.join(', ')}.`,
        `Undecided supplementary-expenditure requests: ${undecided.join(', ')}.`,
      ),
    );
  }
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
      /** R12: calculated from the same horizon, where a target agreement is in force. */
      evaluation?: PerformanceEvaluation | null;
    };

/** R10: the settlement is calculated once, after the year close, with every intermediate figure. */
export function decideCalculateSettlement(command: SteeringYear, state: SteeringState, facts: SettlementFacts): SteeringEvent[] {
  const { sozialraumId, fiscalYear } = command;
  if (!facts.yearClosed) {
    refuse(
      STEERING_PROBLEMS['year-not-closed'],
      text(
        `Die Jahresabrechnung ${fiscalYear} wird nach dem Jahresabschluss berechnet.`,
        `The settlement of ${fiscalYear} is calculated after the year close.`,
      ),
    );
  }
  const { leadProviderId, logPosition } = facts;
  if (state.settlement) {
    const { calculatedOn } = state.settlement;
    refuse(
      STEERING_PROBLEMS['settlement-exists'],
      text(
        `Die Jahresabrechnung ${fiscalYear} wurde bereits am ${calculatedOn} berechnet.`,
        `The settlement of ${fiscalYear} was calculated on ${calculatedOn}.`,
      ),
    );
  }
  const figures = calculateSettlement(facts.budget, facts.flexibleBudget, facts.actual, facts.terms);
  return [
    {
      type: 'SettlementCalculated',
      data: {
        settlementId: `ABR-${sozialraumId}-${fiscalYear}`,
        sozialraumId,
        fiscalYear,
        figures,
        leadProviderId,
        logPosition: logPosition.toString(),
        evaluation: facts.evaluation ?? null,
      },
    },
  ];
}

const NOT_CALCULATED = text('Die Jahresabrechnung ist noch nicht berechnet.', 'The settlement has not been calculated yet.');

/** Two confirmations by different organisations: the Jugendamt and the lead provider. */
export function decideConfirmSettlement(command: { party: 'jugendamt' | 'lead-provider'; organisationId: string }, state: SteeringState): SteeringEvent[] {
  const { party, organisationId } = command;
  const settlement = state.settlement;
  if (!settlement) throw new NotFound(STEERING_PROBLEMS['settlement-not-found'], NOT_CALCULATED);
  if (settlement.confirmations.some((c) => c.party === party)) {
    refuse(
      STEERING_PROBLEMS['already-confirmed'],
      party === 'jugendamt'
        ? text('Das Jugendamt hat bereits bestätigt.', 'The Jugendamt confirmed already.')
        : text('Der federführende Träger hat bereits bestätigt.', 'The lead provider confirmed already.'),
    );
  }
  if (settlement.confirmations.some((c) => c.organisationId === organisationId)) {
    refuse(
      STEERING_PROBLEMS['confirmation-by-other-organisation-required'],
      text(
        `${organisationId} hat bereits bestätigt; die zweite Bestätigung gibt die andere Seite ab.`,
        `${organisationId} confirmed already; the second confirmation comes from the other party.`,
      ),
    );
  }
  if (party === 'lead-provider' && settlement.leadProviderId && organisationId !== settlement.leadProviderId) {
    refuse(
      SHARED_PROBLEMS['not-lead-provider'],
      text(
        `Für die Träger bestätigt nur der federführende Träger ${settlement.leadProviderId}.`,
        `Only the lead provider ${settlement.leadProviderId} confirms for the providers.`,
      ),
    );
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
  if (!state.settlement) throw new NotFound(STEERING_PROBLEMS['settlement-not-found'], NOT_CALCULATED);
  if (state.settlement.confirmations.length < 2) {
    refuse(
      STEERING_PROBLEMS['settlement-not-confirmed'],
      text(
        'Die Jahresabrechnung wird angewendet, nachdem das Jugendamt und der federführende Träger sie beide bestätigt haben.',
        'The settlement is applied after the Jugendamt and the lead provider have both confirmed it.',
      ),
    );
  }
  if (state.settlement.applied) {
    refuse(STEERING_PROBLEMS['settlement-applied'], text('Die Jahresabrechnung wurde bereits angewendet.', 'The settlement has been applied already.'));
  }
  const figures = state.settlement.figures;
  const kind: SettlementAppliedData['kind'] = figures.outcome === 'overrun' ? 'malus' : figures.outcome === 'underrun' ? 'carry-forward' : 'none';
  const bonus = state.settlement.evaluation?.bonus ?? '0.00';
  if ((kind !== 'none' || bonus !== '0.00') && !facts.nextYearBudget) {
    refuse(
      STEERING_PROBLEMS['next-year-budget-missing'],
      text(
        `Das Budget ${fiscalYear + 1} des Sozialraums ${sozialraumId} ist noch nicht zugewiesen; die Jahresabrechnung wird auf dessen fallunspezifische Mittel angewendet.`,
        `Allocate the ${fiscalYear + 1} budget of ${sozialraumId} first; the settlement is applied to its fallunspezifisch money.`,
      ),
    );
  }
  return {
    settlementId: state.settlement.settlementId,
    toFiscalYear: fiscalYear + 1,
    kind,
    amount: kind === 'malus' ? figures.providerShare : figures.carryForward,
    bonus,
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
    const ids = pending.map((p) => p.id).join(', ');
    const waiting = pending.length === 1 ? 'wartet noch 1 Vorgang' : `warten noch ${pending.length} Vorgänge`;
    refuse(
      STEERING_PROBLEMS['year-has-pending-work'],
      text(
        `Im Haushaltsjahr ${command.fiscalYear} ${waiting} auf Prüfung oder Entscheidung: ${ids}.`,
        `${pending.length} item(s) of ${command.fiscalYear} still wait for verification or a decision: ${ids}.`,
      ),
      { pending },
    );
  }
}
