import { eventsOf } from '../../libs/event-store/event-union';
import { BudgetCategory } from '../shared/budget-category';

/**
 * Money movements. Every module that binds or spends money (approvals, subsidies, flexible
 * items) appends these to its own stream beside its domain events; steering folds them. The
 * business date of each is in the event metadata (R5: Bescheid date, or 01.01. for a later year).
 *
 * Per source, year and month:  forecast = recorded − released;  actual = accrued − reversed;
 * open commitment = forecast − actual. The emitting module keeps open ≥ 0: an accrual lower than
 * the month's commitment is followed by a release of the difference (R5), a reversal re-opens it.
 */
export const LEDGER_EVENT_TYPES = ['CommitmentRecorded', 'CommitmentReleased', 'ExpenditureAccrued', 'ExpenditureReversed', 'RevenueRecorded'] as const;
export type LedgerEventType = (typeof LEDGER_EVENT_TYPES)[number];

export type OutOfBudgetReason = 'excluded-legal-basis' | 'high-cost';

export interface MoneySource {
  kind: 'approval' | 'subsidy' | 'flexible-item';
  /** Approval id, subsidy id or item id. */
  id: string;
  caseRef?: string;
  /** E.g. "§ 31 SPFH", "Elternkurse". */
  label?: string;
}

export interface LedgerDimensions {
  sozialraumId: string;
  fiscalYear: number;
  category: BudgetCategory;
  /** False for money recorded and reported beside the budget, never counted against B (R1). */
  inBudget: boolean;
  outOfBudgetReason?: OutOfBudgetReason;
  providerId: string;
  source: MoneySource;
}

export interface MonthAmount {
  /** Leistungsmonat, YYYY-MM, inside fiscalYear. */
  month: string;
  amount: string;
}

export interface CommitmentRecordedData extends LedgerDimensions {
  lines: MonthAmount[];
  total: string;
  reason: 'approval' | 'extension' | 'scope-change' | 'year-rollover' | 'subsidy' | 'flexible-approval' | 'reversal-reopened' | string;
}

export interface CommitmentReleasedData extends LedgerDimensions {
  lines: MonthAmount[];
  total: string;
  reason: 'termination' | 'invoice-lower' | 'scope-change' | 'reclaim' | 'report-lower' | 'rejected' | string;
}

export interface ExpenditureAccruedData extends LedgerDimensions {
  month: string;
  amount: string;
  /** Invoice id, instalment id or item id the payment order was issued for. */
  reference: string;
}

export interface ExpenditureReversedData extends LedgerDimensions {
  month: string;
  amount: string;
  reference: string;
  reason: string;
}

export type RevenueKind = 'kostenbeitrag' | 'kostenerstattung' | 'rueckforderung';

/** Erträge (R2): reported separately, never reducing budget consumption. */
export interface RevenueRecordedData {
  sozialraumId: string;
  fiscalYear: number;
  month: string;
  kind: RevenueKind;
  amount: string;
  source: MoneySource;
  providerId?: string;
}

export type LedgerEvent =
  | { type: 'CommitmentRecorded'; data: CommitmentRecordedData; businessDate?: string }
  | { type: 'CommitmentReleased'; data: CommitmentReleasedData; businessDate?: string }
  | { type: 'ExpenditureAccrued'; data: ExpenditureAccruedData; businessDate?: string }
  | { type: 'ExpenditureReversed'; data: ExpenditureReversedData; businessDate?: string }
  | { type: 'RevenueRecorded'; data: RevenueRecordedData; businessDate?: string };

export function isLedgerEventType(type: string): type is LedgerEventType {
  return (LEDGER_EVENT_TYPES as readonly string[]).includes(type);
}

/** Whether a stored event is a money movement, its data typed by its type. */
export const isLedgerEvent = eventsOf<LedgerEvent>(LEDGER_EVENT_TYPES);
