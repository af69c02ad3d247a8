import { Decider } from '../../../libs/ddd';
import { yearOf } from '../../../libs/calendar';
import { refuse, NotFound } from '../../../libs/ddd/domain-error';
import { by, compareText } from '../../../libs/order';
import { BudgetContractEvent, ContractVersionConcludedData } from './budget-contract.events';
import { BudgetContractTerms, DEFAULT_CONTRACT_TERMS } from './contract-terms';

/** The budget contract of one Sozialraum: versions by effective date (docs/steering.md, Rule book). */
export interface BudgetContractState {
  versions: ContractVersionConcludedData[];
}

export const budgetContractDecider: Decider<BudgetContractState, BudgetContractEvent> = {
  initialState: { versions: [] },
  evolve(state, event) {
    if (event.type !== 'BudgetContractVersionConcluded') return state;
    return { versions: [...state.versions, event.data].sort(by((v) => v.effectiveFrom, compareText)) };
  },
};

export interface ConcludeContractVersion {
  sozialraumId: string;
  effectiveFrom: string;
  terms: BudgetContractTerms;
  decisionReference: string | null;
  reason: string;
}

export interface ConcludeVersionFacts {
  /** Whether the master data knows the Sozialraum. */
  sozialraumRegistered: boolean;
  /** Whether the fiscal year of the effective date is closed for the Sozialraum. */
  effectiveYearClosed: boolean;
}

export function decideConcludeVersion(command: ConcludeContractVersion, state: BudgetContractState, facts: ConcludeVersionFacts): BudgetContractEvent[] {
  if (!facts.sozialraumRegistered) {
    throw new NotFound('sozialraum-not-found', `Sozialraum ${command.sozialraumId} is not registered`);
  }
  // A version reaching back into a closed year would re-classify booked money there.
  if (facts.effectiveYearClosed) {
    refuse(
      'fiscal-year-closed',
      'Fiscal year closed',
      `the fiscal year ${yearOf(command.effectiveFrom)} of ${command.sozialraumId} is closed; a contract version cannot take effect in it`,
    );
  }
  if (state.versions.some((v) => v.effectiveFrom === command.effectiveFrom)) {
    refuse(
      'contract-version-exists',
      'Contract version exists',
      `a contract version effective from ${command.effectiveFrom} exists already; conclude one with another effective date`,
    );
  }
  return [
    {
      type: 'BudgetContractVersionConcluded',
      data: { ...command, versionNumber: state.versions.length + 1 },
    },
  ];
}

export interface ContractInForce {
  /** Null when no version is in force on the date: the rule book's defaults apply. */
  versionNumber: number | null;
  effectiveFrom: string | null;
  terms: BudgetContractTerms;
}

/** The version in force on a date: the latest one effective on or before it. */
export function contractInForce(state: BudgetContractState, date: string): ContractInForce {
  let found: ContractVersionConcludedData | null = null;
  for (const version of state.versions) if (version.effectiveFrom <= date) found = version;
  return found
    ? { versionNumber: found.versionNumber, effectiveFrom: found.effectiveFrom, terms: found.terms }
    : { versionNumber: null, effectiveFrom: null, terms: { ...DEFAULT_CONTRACT_TERMS } };
}
