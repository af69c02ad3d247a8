import { Decider } from '../../../libs/ddd';
import { addDays } from '../../../libs/calendar';
import { compareText, sortedBy } from '../../../libs/order';
import {
  KaemmereiReportedData,
  SteeringEvent,
  SettlementCalculatedData,
  SettlementConfirmedData,
  SupplementaryRequestData,
  SteeringMeetingData,
  THRESHOLD_KINDS,
  ThresholdKind,
} from './steering.events';

export interface ProcedureState {
  procedureId: string;
  /** Business date of the crossing that opened it; follows the crossing when a correction moves it. */
  openedOn: string;
  meetingDueBy: string;
  /** Set while corrections keep the forecast below the procedure line: the procedure stays open until closed with an outcome. */
  crossingWithdrawnOn: string | null;
  meetings: Array<SteeringMeetingData & { recordedOn: string }>;
  requests: Array<
    SupplementaryRequestData & { requestedOn: string; decision: { body: string; approved: boolean; decisionReference: string; decidedOn: string } | null }
  >;
  /** Each sending of the report to the Kämmerei, with the figures as sent. */
  kaemmereiReports: Array<Omit<KaemmereiReportedData, 'procedureId'>>;
  closed: { outcome: string; closedOn: string } | null;
}

export interface SteeringState {
  /** Crossings that stand on the current history. */
  crossings: Partial<Record<ThresholdKind, { businessDate: string; causeEventId: string }>>;
  /** Crossings once raised that later corrections removed (a renewed crossing is a move, never a second raise). */
  withdrawnCrossings: Partial<Record<ThresholdKind, { businessDate: string }>>;
  /** In calendar order. */
  closedMonths: string[];
  underrunDetectedOn: string | null;
  procedure: ProcedureState | null;
  settlement:
    | (SettlementCalculatedData & {
        calculatedOn: string;
        confirmations: Array<{ party: SettlementConfirmedData['party']; organisationId: string; on: string }>;
        applied: boolean;
      })
    | null;
  /** Ids of the reminders raised on this stream (one per subject and week). */
  reminders: string[];
}

export const initialSteeringState: SteeringState = {
  crossings: {},
  withdrawnCrossings: {},
  closedMonths: [],
  underrunDetectedOn: null,
  procedure: null,
  settlement: null,
  reminders: [],
};

const KIND_OF: Record<string, ThresholdKind> = {
  BudgetWarningRaised: 'warning',
  OverrunProcedureOpened: 'procedure',
  RenegotiationTriggered: 'renegotiation',
};

/** The crossings keyed in threshold order (warning, procedure, renegotiation), however they were raised, moved or withdrawn. */
function inThresholdOrder<T>(byKind: Partial<Record<ThresholdKind, T>>): Partial<Record<ThresholdKind, T>> {
  return Object.fromEntries(THRESHOLD_KINDS.filter((kind) => byKind[kind] !== undefined).map((kind) => [kind, byKind[kind]]));
}

export function evolveSteering(state: SteeringState, event: SteeringEvent): SteeringState {
  const on = event.businessDate ?? '';
  switch (event.type) {
    case 'BudgetWarningRaised':
    case 'RenegotiationTriggered':
    case 'OverrunProcedureOpened': {
      const crossings = inThresholdOrder({ ...state.crossings, [KIND_OF[event.type]]: { businessDate: on, causeEventId: event.data.causeEventId } });
      if (event.type !== 'OverrunProcedureOpened') return { ...state, crossings };
      return {
        ...state,
        crossings,
        procedure: {
          procedureId: event.data.procedureId,
          openedOn: on,
          meetingDueBy: event.data.meetingDueBy ?? addDays(on, 14),
          crossingWithdrawnOn: null,
          meetings: [],
          requests: [],
          kaemmereiReports: [],
          closed: null,
        },
      };
    }
    case 'ThresholdCrossingMoved': {
      const { kind, previousDate, newDate } = event.data;
      const crossings = { ...state.crossings };
      const withdrawnCrossings = { ...state.withdrawnCrossings };
      if (newDate) {
        crossings[kind] = { businessDate: newDate, causeEventId: event.data.causeEventId ?? '' };
        delete withdrawnCrossings[kind];
      } else {
        delete crossings[kind];
        withdrawnCrossings[kind] = { businessDate: previousDate ?? on };
      }
      let procedure = state.procedure;
      if (kind === 'procedure' && procedure) {
        procedure = newDate
          ? { ...procedure, openedOn: newDate, meetingDueBy: addDays(newDate, 14), crossingWithdrawnOn: null }
          : { ...procedure, crossingWithdrawnOn: previousDate ?? on };
      }
      return { ...state, crossings: inThresholdOrder(crossings), withdrawnCrossings: inThresholdOrder(withdrawnCrossings), procedure };
    }
    case 'MonthClosed':
      // Months may be closed out of turn; the list shows them in calendar order.
      return { ...state, closedMonths: sortedBy([...state.closedMonths, event.data.month], compareText) };
    case 'UnderrunDetected':
      return { ...state, underrunDetectedOn: on };
    case 'SteeringMeetingHeld':
      return state.procedure
        ? { ...state, procedure: { ...state.procedure, meetings: [...state.procedure.meetings, { ...event.data, recordedOn: on }] } }
        : state;
    case 'SupplementaryExpenditureRequested':
      return state.procedure
        ? { ...state, procedure: { ...state.procedure, requests: [...state.procedure.requests, { ...event.data, requestedOn: on, decision: null }] } }
        : state;
    case 'SupplementaryExpenditureDecided':
      return state.procedure
        ? {
            ...state,
            procedure: {
              ...state.procedure,
              requests: state.procedure.requests.map((r) =>
                r.requestId === event.data.requestId
                  ? { ...r, decision: { body: event.data.body, approved: event.data.approved, decisionReference: event.data.decisionReference, decidedOn: on } }
                  : r,
              ),
            },
          }
        : state;
    case 'KaemmereiReported': {
      if (!state.procedure) return state;
      const { procedureId: _procedureId, ...report } = event.data;
      return { ...state, procedure: { ...state.procedure, kaemmereiReports: [...state.procedure.kaemmereiReports, report] } };
    }
    case 'OverrunProcedureClosed':
      return state.procedure ? { ...state, procedure: { ...state.procedure, closed: { outcome: event.data.outcome, closedOn: on } } } : state;
    case 'SettlementCalculated':
      return { ...state, settlement: { ...event.data, calculatedOn: on, confirmations: [], applied: false } };
    case 'SettlementConfirmed':
      return state.settlement
        ? {
            ...state,
            settlement: {
              ...state.settlement,
              confirmations: [...state.settlement.confirmations, { party: event.data.party, organisationId: event.data.organisationId, on }],
            },
          }
        : state;
    case 'SettlementApplied':
      return state.settlement ? { ...state, settlement: { ...state.settlement, applied: true } } : state;
    case 'ProcedureStepOverdue':
    case 'FourEyesWorkPending':
    case 'SettlementConfirmationDue':
      return { ...state, reminders: [...state.reminders, event.data.reminderId] };
    default:
      return state;
  }
}

export const steeringDecider: Decider<SteeringState, SteeringEvent> = { initialState: initialSteeringState, evolve: evolveSteering };
