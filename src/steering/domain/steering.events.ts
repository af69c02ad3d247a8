import { BudgetCategory } from '../../shared/budget-category';
import { SettlementFigures } from './settlement';
import { PerformanceEvaluation } from './performance-evaluation';
import { ReminderEvent } from './reminder.events';

/** The columns of the Haushaltsüberwachungsliste: Ansatz, Bindungen, Anordnungen, Ist, Rest. */
export interface MonitoringFigures {
  ansatz: string;
  bindungen: string;
  anordnungen: string;
  ist: string;
  rest: string;
}

/** The Haushaltsüberwachungsliste of a Sozialraum-year: a row per category and the total. */
export interface MonitoringListData {
  sozialraumId: string;
  fiscalYear: number;
  rows: Array<{ category: BudgetCategory } & MonitoringFigures>;
  total: MonitoringFigures;
}

/** The thresholds of R7 in their order (warning, procedure, renegotiation); the rule lives in ./thresholds. */
export const THRESHOLD_KINDS = ['warning', 'procedure', 'renegotiation'] as const;
export type ThresholdKind = (typeof THRESHOLD_KINDS)[number];

export interface CrossingData {
  sozialraumId: string;
  fiscalYear: number;
  kind: ThresholdKind;
  thresholdPct: string;
  forecast: string;
  budget: string;
  pctOfBudget: string;
  /** The event whose business date crossed the line. */
  causeEventId: string;
  /** For an opened overrun procedure: the steering meeting is due by then (14 days). */
  meetingDueBy?: string;
}

export interface CrossingMovedData {
  kind: ThresholdKind;
  previousDate: string | null;
  newDate: string | null;
  causeEventId: string | null;
  explanation: string;
}

export interface MonthClosedData {
  sozialraumId: string;
  fiscalYear: number;
  month: string;
  /** Haushaltsüberwachungsliste as of the month's last day, frozen at the close. */
  monitoringList: MonitoringListData;
  forecast: string;
  budget: string;
  pctOfBudget: string;
  logPosition: string;
}

export interface UnderrunData {
  sozialraumId: string;
  fiscalYear: number;
  month: string;
  forecast: string;
  budget: string;
  underrunLine: string;
  pctOfBudget: string;
}

export interface SteeringMeetingData {
  procedureId: string;
  heldOn: string;
  participants: Array<{ organisationId: string; role: string }>;
  measures: string[];
}

export interface SupplementaryRequestData {
  procedureId: string;
  requestId: string;
  kind: 'ueberplanmaessig' | 'ausserplanmaessig';
  amount: string;
  justification: string;
  coverSource: string;
  /** The body that the contract's value limits name for the amount (R9). */
  competentBody: string;
}

export interface SupplementaryDecisionData {
  procedureId: string;
  requestId: string;
  body: string;
  approved: boolean;
  decisionReference: string;
  note: string | null;
}

/** R7: whether a supplementary-expenditure request for the forecast excess is still due (query-time figure). */
export interface SupplementaryRequestDue {
  /** Forecast over B, never negative. */
  forecastExcess: string;
  /** Sum of the requests not rejected (undecided ones included). */
  requested: string;
  /** Sum of the approved requests. */
  approved: string;
  /** forecastExcess − requested, never negative. */
  outstanding: string;
  due: boolean;
}

/** The report of an overrun procedure to the Kämmerei (R7), as computed or as sent. */
export interface KaemmereiReportContent {
  procedureId: string;
  sozialraumId: string;
  fiscalYear: number;
  openedOn: string;
  crossingWithdrawnOn: string | null;
  budget: string;
  forecast: string;
  forecastPctOfBudget: string;
  /** Forecast over B, never negative. */
  forecastExcess: string;
  actual: string;
  crossings: Array<{ kind: ThresholdKind; thresholdPct: string; crossedOn: string }>;
  meetingDueBy: string;
  meetings: Array<{ heldOn: string; participants: Array<{ organisationId: string; role: string }>; measures: string[] }>;
  supplementaryRequests: Array<{
    requestId: string;
    kind: 'ueberplanmaessig' | 'ausserplanmaessig';
    amount: string;
    requestedOn: string;
    justification: string;
    coverSource: string;
    competentBody: string;
    decision: { body: string; approved: boolean; decisionReference: string; decidedOn: string } | null;
  }>;
  supplementaryRequestDue: SupplementaryRequestDue;
  previousReports: Array<{ reportNo: number; reportedOn: string; reference: string }>;
}

export interface KaemmereiReportedData {
  procedureId: string;
  /** 1 for the first sending, counting on with each later one. */
  reportNo: number;
  reportedOn: string;
  reference: string;
  /** The figures as sent, frozen. */
  report: KaemmereiReportContent;
  /** The log position the figures were computed at. */
  logPosition: string;
}

export interface ProcedureClosedData {
  procedureId: string;
  outcome: string;
}

export interface SettlementCalculatedData {
  settlementId: string;
  sozialraumId: string;
  fiscalYear: number;
  figures: SettlementFigures;
  leadProviderId: string | null;
  logPosition: string;
  /** R12: the evaluation under the target agreement in force, confirmed and applied with the settlement (absent without one). */
  evaluation?: PerformanceEvaluation | null;
}

export interface SettlementConfirmedData {
  settlementId: string;
  party: 'jugendamt' | 'lead-provider';
  organisationId: string;
}

export interface SettlementAppliedData {
  settlementId: string;
  toFiscalYear: number;
  kind: 'carry-forward' | 'malus' | 'none';
  amount: string;
  /** R12 performance bonus added to next year's fallunspezifisch budget (absent or 0.00 without one). */
  bonus?: string;
}

export type SteeringEvent =
  | { type: 'BudgetWarningRaised'; data: CrossingData; businessDate?: string }
  | { type: 'OverrunProcedureOpened'; data: CrossingData & { procedureId: string }; businessDate?: string }
  | { type: 'RenegotiationTriggered'; data: CrossingData; businessDate?: string }
  | { type: 'ThresholdCrossingMoved'; data: CrossingMovedData; businessDate?: string }
  | { type: 'MonthClosed'; data: MonthClosedData; businessDate?: string }
  | { type: 'UnderrunDetected'; data: UnderrunData; businessDate?: string }
  | { type: 'SteeringMeetingHeld'; data: SteeringMeetingData; businessDate?: string }
  | { type: 'SupplementaryExpenditureRequested'; data: SupplementaryRequestData; businessDate?: string }
  | { type: 'SupplementaryExpenditureDecided'; data: SupplementaryDecisionData; businessDate?: string }
  | { type: 'KaemmereiReported'; data: KaemmereiReportedData; businessDate?: string }
  | { type: 'OverrunProcedureClosed'; data: ProcedureClosedData; businessDate?: string }
  | { type: 'SettlementCalculated'; data: SettlementCalculatedData; businessDate?: string }
  | { type: 'SettlementConfirmed'; data: SettlementConfirmedData; businessDate?: string }
  | { type: 'SettlementApplied'; data: SettlementAppliedData; businessDate?: string }
  | ReminderEvent;

/** Steering events that are also notifications for the people concerned. */
export const NOTIFICATION_TYPES = [
  'BudgetWarningRaised',
  'OverrunProcedureOpened',
  'RenegotiationTriggered',
  'ThresholdCrossingMoved',
  'UnderrunDetected',
  'KaemmereiReported',
  'SupplementaryExpenditureRequested',
  'SupplementaryExpenditureDecided',
  'SettlementCalculated',
  'SettlementConfirmed',
  'SettlementApplied',
  'ProcedureStepOverdue',
  'FourEyesWorkPending',
  'SettlementConfirmationDue',
] as const;
