import { Decider } from '../../../libs/ddd';
import { addDays } from '../../../libs/calendar';
import { ThresholdKind } from './thresholds';
import { SteeringEvent, SettlementCalculatedData, SupplementaryRequestData, SteeringMeetingData } from './steering.events';

export interface ProcedureState {
  procedureId: string;
  openedOn: string;
  meetingDueBy: string;
  meetings: Array<SteeringMeetingData & { recordedOn: string }>;
  requests: Array<SupplementaryRequestData & { requestedOn: string; decision: { body: string; approved: boolean; decisionReference: string; decidedOn: string } | null }>;
  closed: { outcome: string; closedOn: string } | null;
}

export interface SteeringState {
  crossings: Partial<Record<ThresholdKind, { businessDate: string; causeEventId: string }>>;
  closedMonths: string[];
  underrunDetectedOn: string | null;
  procedure: ProcedureState | null;
  settlement: (SettlementCalculatedData & { calculatedOn: string; confirmations: Array<{ party: string; organisationId: string; on: string }>; applied: boolean }) | null;
}

export const initialSteeringState: SteeringState = {
  crossings: {},
  closedMonths: [],
  underrunDetectedOn: null,
  procedure: null,
  settlement: null,
};

const KIND_OF: Record<string, ThresholdKind> = {
  BudgetWarningRaised: 'warning',
  OverrunProcedureOpened: 'procedure',
  RenegotiationTriggered: 'renegotiation',
};

export function evolveSteering(state: SteeringState, event: SteeringEvent): SteeringState {
  const on = event.businessDate ?? '';
  switch (event.type) {
    case 'BudgetWarningRaised':
    case 'RenegotiationTriggered':
    case 'OverrunProcedureOpened': {
      const crossings = { ...state.crossings, [KIND_OF[event.type]]: { businessDate: on, causeEventId: event.data.causeEventId } };
      if (event.type !== 'OverrunProcedureOpened') return { ...state, crossings };
      return {
        ...state,
        crossings,
        procedure: { procedureId: event.data.procedureId, openedOn: on, meetingDueBy: event.data.meetingDueBy ?? addDays(on, 14), meetings: [], requests: [], closed: null },
      };
    }
    case 'ThresholdCrossingMoved': {
      const crossings = { ...state.crossings };
      if (event.data.newDate) crossings[event.data.kind] = { businessDate: event.data.newDate, causeEventId: event.data.causeEventId ?? '' };
      else delete crossings[event.data.kind];
      return { ...state, crossings };
    }
    case 'MonthClosed':
      return { ...state, closedMonths: [...state.closedMonths, event.data.month] };
    case 'UnderrunDetected':
      return { ...state, underrunDetectedOn: on };
    case 'SteeringMeetingHeld':
      return state.procedure ? { ...state, procedure: { ...state.procedure, meetings: [...state.procedure.meetings, { ...event.data, recordedOn: on }] } } : state;
    case 'SupplementaryExpenditureRequested':
      return state.procedure ? { ...state, procedure: { ...state.procedure, requests: [...state.procedure.requests, { ...event.data, requestedOn: on, decision: null }] } } : state;
    case 'SupplementaryExpenditureDecided':
      return state.procedure
        ? {
            ...state,
            procedure: {
              ...state.procedure,
              requests: state.procedure.requests.map((r) =>
                r.requestId === event.data.requestId ? { ...r, decision: { body: event.data.body, approved: event.data.approved, decisionReference: event.data.decisionReference, decidedOn: on } } : r,
              ),
            },
          }
        : state;
    case 'OverrunProcedureClosed':
      return state.procedure ? { ...state, procedure: { ...state.procedure, closed: { outcome: event.data.outcome, closedOn: on } } } : state;
    case 'SettlementCalculated':
      return { ...state, settlement: { ...event.data, calculatedOn: on, confirmations: [], applied: false } };
    case 'SettlementConfirmed':
      return state.settlement
        ? { ...state, settlement: { ...state.settlement, confirmations: [...state.settlement.confirmations, { party: event.data.party, organisationId: event.data.organisationId, on }] } }
        : state;
    case 'SettlementApplied':
      return state.settlement ? { ...state, settlement: { ...state.settlement, applied: true } } : state;
    default:
      return state;
  }
}

export const steeringDecider: Decider<SteeringState, SteeringEvent> = { initialState: initialSteeringState, evolve: evolveSteering };
