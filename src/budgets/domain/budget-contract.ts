import { Decider } from '../../../libs/ddd';
import { yearOf } from '../../../libs/calendar';
import { refuse, NotFound } from '../../../libs/ddd/domain-error';
import { by, compareText } from '../../../libs/order';
import { text } from '../../../libs/text/text';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { BUDGET_PROBLEMS } from '../budgets.problems';
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
    throw new NotFound(
      SHARED_PROBLEMS['sozialraum-not-found'],
      text(`Der Sozialraum ${command.sozialraumId} ist nicht registriert.`, `Sozialraum ${command.sozialraumId} is not registered.`),
    );
  }
  // A version reaching back into a closed year would re-classify booked money there.
  if (facts.effectiveYearClosed) {
    refuse(
      SHARED_PROBLEMS['fiscal-year-closed'],
      text(
        `Das Haushaltsjahr ${yearOf(command.effectiveFrom)} des Sozialraums ${command.sozialraumId} ist abgeschlossen; eine Vertragsfassung kann darin nicht mehr in Kraft treten.`,
        `The fiscal year ${yearOf(command.effectiveFrom)} of ${command.sozialraumId} is closed; a contract version cannot take effect in it.`,
      ),
    );
  }
  if (state.versions.some((v) => v.effectiveFrom === command.effectiveFrom)) {
    refuse(
      BUDGET_PROBLEMS['contract-version-exists'],
      text(
        `Eine Vertragsfassung mit Wirkung ab ${command.effectiveFrom} besteht bereits; eine neue Fassung braucht ein anderes Wirksamkeitsdatum.`,
        `A contract version effective from ${command.effectiveFrom} exists already; conclude one with another effective date.`,
      ),
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
