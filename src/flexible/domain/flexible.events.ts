import { BudgetCategory } from '../../shared/budget-category';

/**
 * Domain events of flexible money (fallübergreifend, fallunspezifisch). They live in the budget
 * stream of the Sozialraum-year beside the ledger events they cause, so the discretionary limit
 * (§ 74 SGB VIII) is decided together with planned amounts, freezes and every other commitment.
 */
export type FlexibleCategory = Extract<BudgetCategory, 'FUE' | 'FU'>;
export const FLEXIBLE_CATEGORY_CODES: readonly FlexibleCategory[] = ['FUE', 'FU'];

export interface InstalmentPlanLine {
  /** "R1", "R2", ... in the order of the plan. */
  instalmentId: string;
  dueDate: string;
  /** Planned payment month: the month of the due date (the payment order's month when paid). */
  month: string;
  amount: string;
}

/** Zuwendungsbescheid: commits the whole plan on the Bescheid date (R5). */
export interface SubsidyGrantedData {
  subsidyId: string;
  providerId: string;
  category: FlexibleCategory;
  purpose: string;
  total: string;
  bescheidDate: string;
  instalments: InstalmentPlanLine[];
}

/** Auszahlungsanordnung of one instalment: actual expenditure of its payment month (R3). */
export interface SubsidyInstalmentPaymentOrderedData {
  subsidyId: string;
  instalmentId: string;
  /** Payment month: the month of the payment order (within the fiscal year), not the due date's. */
  month: string;
  amount: string;
}

export interface UsageReportLine {
  instalmentId: string;
  spent: string;
  /** Paid but not spent: the basis of a reclaim. */
  unused: string;
  description: string;
}

/** Verwendungsnachweis: what the provider spent per instalment period. A later report of a period supersedes the earlier one. */
export interface SubsidyUsageReportedData {
  subsidyId: string;
  lines: UsageReportLine[];
}

/** Rückforderung: unpaid instalments are released, paid but unused money becomes a claim. */
export interface SubsidyReclaimedData {
  subsidyId: string;
  reason: string;
  releasedInstalments: string[];
  released: string;
  claimed: string;
}

/** Money of a claim received back: revenue (R2), never less expenditure. */
export interface SubsidyReclaimReceivedData {
  subsidyId: string;
  amount: string;
  outstanding: string;
}

export interface FlexibleActivityReportedData {
  activityId: string;
  providerId: string;
  category: FlexibleCategory;
  activityDate: string;
  month: string;
  amount: string;
  description: string;
  evidenceReference: string | null;
}

export interface FlexibleActivityApprovedData {
  activityId: string;
  approvedAmount: string;
  bescheidDate: string;
}

export interface FlexibleActivityRejectedData {
  activityId: string;
  reason: string;
}

/** After the activity: what it really cost (at most the approved amount); the rest is released. */
export interface FlexibleActivityActualReportedData {
  activityId: string;
  actualAmount: string;
  released: string;
}

export type FlexibleEvent =
  | { type: 'SubsidyGranted'; data: SubsidyGrantedData; businessDate?: string }
  | { type: 'SubsidyInstalmentPaymentOrdered'; data: SubsidyInstalmentPaymentOrderedData; businessDate?: string }
  | { type: 'SubsidyUsageReported'; data: SubsidyUsageReportedData; businessDate?: string }
  | { type: 'SubsidyReclaimed'; data: SubsidyReclaimedData; businessDate?: string }
  | { type: 'SubsidyReclaimReceived'; data: SubsidyReclaimReceivedData; businessDate?: string }
  | { type: 'FlexibleActivityReported'; data: FlexibleActivityReportedData; businessDate?: string }
  | { type: 'FlexibleActivityApproved'; data: FlexibleActivityApprovedData; businessDate?: string }
  | { type: 'FlexibleActivityRejected'; data: FlexibleActivityRejectedData; businessDate?: string }
  | { type: 'FlexibleActivityActualReported'; data: FlexibleActivityActualReportedData; businessDate?: string };

/** Every type of FlexibleEvent, checked complete by the compiler. */
export const FLEXIBLE_EVENT_TYPES: Record<FlexibleEvent['type'], true> = {
  SubsidyGranted: true,
  SubsidyInstalmentPaymentOrdered: true,
  SubsidyUsageReported: true,
  SubsidyReclaimed: true,
  SubsidyReclaimReceived: true,
  FlexibleActivityReported: true,
  FlexibleActivityApproved: true,
  FlexibleActivityRejected: true,
  FlexibleActivityActualReported: true,
};

/** Whether an event of the budget stream is one of flexible money's own. */
export function isFlexibleEvent<E extends { type: string }>(event: E | FlexibleEvent): event is FlexibleEvent {
  return Object.prototype.hasOwnProperty.call(FLEXIBLE_EVENT_TYPES, event.type);
}
