import { BudgetContractTerms } from './contract-terms';

export interface ContractVersionConcludedData {
  sozialraumId: string;
  /** Running number of the version (1, 2, ...). */
  versionNumber: number;
  effectiveFrom: string;
  terms: BudgetContractTerms;
  decisionReference: string | null;
  reason: string;
}

export type BudgetContractEvent = { type: 'BudgetContractVersionConcluded'; data: ContractVersionConcludedData; businessDate?: string };
