import { Decider } from '../../../libs/ddd';
import { Decimal, ZERO } from '../../../libs/money';
import { BUDGET_CATEGORIES, BudgetCategory } from '../../shared/budget-category';
import { BudgetStreamEvent, ReallocationProposedData } from './sozialraum-budget.events';

export type BudgetStatus = 'none' | 'planned' | 'open' | 'closed';

export type PerCategory<T> = Record<BudgetCategory, T>;

export interface Proposal extends ReallocationProposedData {
  proposedOn: string;
}

export interface SozialraumBudgetState {
  status: BudgetStatus;
  sozialraumId: string | null;
  fiscalYear: number | null;
  /** Planned amounts after amendments, agreed reallocations and applied settlements. */
  planned: PerCategory<Decimal>;
  /** Money bound by commitments in force in this stream (flexible money): forecast per category. */
  bound: PerCategory<Decimal>;
  frozen: PerCategory<boolean>;
  openProposals: Proposal[];
  /** Proposals ever made in this budget (numbers the next one). */
  proposalsMade: number;
  settlementsApplied: string[];
}

const perCategory = <T>(value: () => T): PerCategory<T> => Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, value()])) as PerCategory<T>;

export const initialBudgetState: SozialraumBudgetState = {
  status: 'none',
  sozialraumId: null,
  fiscalYear: null,
  planned: perCategory(() => ZERO),
  bound: perCategory(() => ZERO),
  frozen: perCategory(() => false),
  openProposals: [],
  proposalsMade: 0,
  settlementsApplied: [],
};

function withCategory<T>(record: PerCategory<T>, category: BudgetCategory, value: T): PerCategory<T> {
  return { ...record, [category]: value };
}

/** Folds planning events and the ledger events of flexible money kept in the same stream. */
export function evolveBudget(state: SozialraumBudgetState, event: BudgetStreamEvent): SozialraumBudgetState {
  switch (event.type) {
    case 'BudgetAllocated': {
      const { planned } = event.data;
      return {
        ...state,
        status: 'planned',
        sozialraumId: event.data.sozialraumId,
        fiscalYear: event.data.fiscalYear,
        planned: Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, new Decimal(planned[c])])) as PerCategory<Decimal>,
      };
    }
    case 'BudgetOpened':
      return { ...state, status: 'open' };
    case 'BudgetClosed':
      return { ...state, status: 'closed' };
    case 'BudgetAmended':
      return { ...state, planned: withCategory(state.planned, event.data.category, new Decimal(event.data.newAmount)) };
    case 'ReallocationProposed':
      return {
        ...state,
        openProposals: [...state.openProposals, { ...event.data, proposedOn: event.businessDate ?? '' }],
        proposalsMade: state.proposalsMade + 1,
      };
    case 'ReallocationAgreed': {
      const { from, to, proposalId } = event.data;
      const amount = new Decimal(event.data.amount);
      const planned = withCategory(withCategory(state.planned, from, state.planned[from].minus(amount)), to, state.planned[to].plus(amount));
      return { ...state, planned, openProposals: state.openProposals.filter((p) => p.proposalId !== proposalId) };
    }
    case 'ReallocationRejected':
    case 'ReallocationWithdrawn': {
      const { proposalId } = event.data;
      return { ...state, openProposals: state.openProposals.filter((p) => p.proposalId !== proposalId) };
    }
    case 'BudgetFreezeImposed':
    case 'BudgetFreezeLifted': {
      const frozen = { ...state.frozen };
      for (const category of event.data.categories) frozen[category] = event.type === 'BudgetFreezeImposed';
      return { ...state, frozen };
    }
    case 'SavingsCarriedForward':
    case 'MalusApplied':
    case 'PerformanceBonusApplied': {
      const { category, amount, settlementId } = event.data;
      const change = event.type === 'MalusApplied' ? state.planned[category].minus(amount) : state.planned[category].plus(amount);
      const applied = state.settlementsApplied.includes(settlementId) ? state.settlementsApplied : [...state.settlementsApplied, settlementId];
      return { ...state, planned: withCategory(state.planned, category, change), settlementsApplied: applied };
    }
    case 'CommitmentRecorded':
    case 'CommitmentReleased': {
      const { inBudget, category, total } = event.data;
      if (!inBudget) return state;
      const bound = event.type === 'CommitmentRecorded' ? state.bound[category].plus(total) : state.bound[category].minus(total);
      return { ...state, bound: withCategory(state.bound, category, bound) };
    }
    default:
      // Accruals and reversals move money between open and actual; the bound total is unchanged.
      // Flexible money's own events, folded in the same stream by its capability, change nothing here.
      return state;
  }
}

export const sozialraumBudgetDecider: Decider<SozialraumBudgetState, BudgetStreamEvent> = {
  initialState: initialBudgetState,
  evolve: evolveBudget,
};

export function totalPlanned(state: SozialraumBudgetState): Decimal {
  return BUDGET_CATEGORIES.reduce((sum, c) => sum.plus(state.planned[c]), ZERO);
}

/** Planned money not yet bound in a category (flexible money: planned − committed − actual). */
export function availableIn(state: SozialraumBudgetState, category: BudgetCategory, boundElsewhere: Decimal = ZERO): Decimal {
  return state.planned[category].minus(state.bound[category]).minus(boundElsewhere);
}
