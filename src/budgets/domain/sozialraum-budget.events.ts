import { BudgetCategory } from '../../shared/budget-category';
import { LedgerEvent } from '../../ledger';

export type Party = 'jugendamt' | 'lead-provider';
export type CategoryAmounts = Record<BudgetCategory, string>;

export interface BudgetAllocatedData {
  sozialraumId: string;
  fiscalYear: number;
  planned: CategoryAmounts;
  total: string;
  decisionReference: string | null;
  reason: string;
}

export interface BudgetAmendedData {
  category: BudgetCategory;
  previousAmount: string;
  newAmount: string;
  delta: string;
  reason: string;
  /** E.g. the council resolution of the Nachtragshaushalt. */
  decisionReference: string;
}

export interface ReallocationProposedData {
  proposalId: string;
  from: BudgetCategory;
  to: BudgetCategory;
  amount: string;
  reason: string;
  proposedBy: Party;
  proposerOrganisationId: string;
}

export interface ReallocationAgreedData {
  proposalId: string;
  from: BudgetCategory;
  to: BudgetCategory;
  amount: string;
  agreedBy: Party;
  agreerOrganisationId: string;
}

export interface ReallocationClosedData {
  proposalId: string;
  reason: string;
  by: Party;
}

export interface FreezeData {
  categories: BudgetCategory[];
  reason: string;
}

/** R10 results of the previous year applied to this year's fallunspezifisch budget. */
export interface SettlementAppliedData {
  settlementId: string;
  fromFiscalYear: number;
  category: BudgetCategory;
  amount: string;
}

export type SozialraumBudgetEvent =
  | { type: 'BudgetAllocated'; data: BudgetAllocatedData; businessDate?: string }
  | { type: 'BudgetOpened'; data: { reason: string }; businessDate?: string }
  | { type: 'BudgetAmended'; data: BudgetAmendedData; businessDate?: string }
  | { type: 'ReallocationProposed'; data: ReallocationProposedData; businessDate?: string }
  | { type: 'ReallocationAgreed'; data: ReallocationAgreedData; businessDate?: string }
  | { type: 'ReallocationRejected'; data: ReallocationClosedData; businessDate?: string }
  | { type: 'ReallocationWithdrawn'; data: ReallocationClosedData; businessDate?: string }
  | { type: 'BudgetFreezeImposed'; data: FreezeData; businessDate?: string }
  | { type: 'BudgetFreezeLifted'; data: FreezeData; businessDate?: string }
  | { type: 'BudgetClosed'; data: { reason: string }; businessDate?: string }
  | { type: 'SavingsCarriedForward'; data: SettlementAppliedData; businessDate?: string }
  | { type: 'MalusApplied'; data: SettlementAppliedData; businessDate?: string }
  /** R12: the performance bonus of the evaluation confirmed with the settlement, added to FU. */
  | { type: 'PerformanceBonusApplied'; data: SettlementAppliedData; businessDate?: string };

/**
 * What the budget folds of its stream: planning events and the ledger events of flexible money.
 * Flexible money's own events (subsidies, activities) lie in the same stream; their capability
 * folds them (`FlexibleBudgetEvent`), the budget's fold passes them by.
 */
export type BudgetStreamEvent = SozialraumBudgetEvent | LedgerEvent;

/** Planning events that change planned amounts (steering folds them for B as of a date). */
export const PLANNED_AMOUNT_EVENTS = [
  'BudgetAllocated',
  'BudgetAmended',
  'ReallocationAgreed',
  'SavingsCarriedForward',
  'MalusApplied',
  'PerformanceBonusApplied',
] as const;
