/** Reminders of work waiting too long, raised by the reminder scheduler on the steering stream of the Sozialraum-year. */

export interface ProcedureStepOverdueData {
  reminderId: string;
  procedureId: string;
  step: 'steering-meeting';
  dueBy: string;
  /** German: what is overdue. */
  detail: string;
}

export interface FourEyesWorkPendingData {
  reminderId: string;
  olderThanDays: number;
  items: Array<{ id: string; description: string; since: string }>;
  detail: string;
}

export interface SettlementConfirmationDueData {
  reminderId: string;
  settlementId: string;
  calculatedOn: string;
  missing: Array<'jugendamt' | 'lead-provider'>;
  detail: string;
}

export type ReminderEvent =
  | { type: 'ProcedureStepOverdue'; data: ProcedureStepOverdueData; businessDate?: string }
  | { type: 'FourEyesWorkPending'; data: FourEyesWorkPendingData; businessDate?: string }
  | { type: 'SettlementConfirmationDue'; data: SettlementConfirmationDueData; businessDate?: string };

export const REMINDER_TYPES = ['ProcedureStepOverdue', 'FourEyesWorkPending', 'SettlementConfirmationDue'] as const;
