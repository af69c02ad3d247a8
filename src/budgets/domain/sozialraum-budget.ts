import { Decider } from '../../../libs/ddd';
import { Decimal, ZERO } from '../../../libs/money';
import { BUDGET_CATEGORIES, BudgetCategory } from '../../shared/budget-category';
import { BudgetStreamEvent, Party, ReallocationProposedData } from './sozialraum-budget.events';

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

const perCategory = <T>(value: () => T): PerCategory<T> =>
  Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, value()])) as PerCategory<T>;

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
  const data: any = event.data;
  switch (event.type) {
    case 'BudgetAllocated':
      return {
        ...state,
        status: 'planned',
        sozialraumId: data.sozialraumId,
        fiscalYear: data.fiscalYear,
        planned: (Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, new Decimal(data.planned[c])])) as PerCategory<Decimal>),
      };
    case 'BudgetOpened':
      return { ...state, status: 'open' };
    case 'BudgetClosed':
      return { ...state, status: 'closed' };
    case 'BudgetAmended':
      return { ...state, planned: withCategory(state.planned, data.category, new Decimal(data.newAmount)) };
    case 'ReallocationProposed':
      return { ...state, openProposals: [...state.openProposals, { ...data, proposedOn: event.businessDate ?? '' }], proposalsMade: state.proposalsMade + 1 };
    case 'ReallocationAgreed': {
      const amount = new Decimal(data.amount);
      const planned = withCategory(withCategory(state.planned, data.from, state.planned[data.from as BudgetCategory].minus(amount)), data.to, state.planned[data.to as BudgetCategory].plus(amount));
      return { ...state, planned, openProposals: state.openProposals.filter((p) => p.proposalId !== data.proposalId) };
    }
    case 'ReallocationRejected':
    case 'ReallocationWithdrawn':
      return { ...state, openProposals: state.openProposals.filter((p) => p.proposalId !== data.proposalId) };
    case 'BudgetFreezeImposed':
    case 'BudgetFreezeLifted': {
      const frozen = { ...state.frozen };
      for (const category of data.categories as BudgetCategory[]) frozen[category] = event.type === 'BudgetFreezeImposed';
      return { ...state, frozen };
    }
    case 'SavingsCarriedForward':
      return {
        ...state,
        planned: withCategory(state.planned, data.category, state.planned[data.category as BudgetCategory].plus(data.amount)),
        settlementsApplied: [...state.settlementsApplied, data.settlementId],
      };
    case 'MalusApplied':
      return {
        ...state,
        planned: withCategory(state.planned, data.category, state.planned[data.category as BudgetCategory].minus(data.amount)),
        settlementsApplied: [...state.settlementsApplied, data.settlementId],
      };
    case 'CommitmentRecorded':
      return data.inBudget ? { ...state, bound: withCategory(state.bound, data.category, state.bound[data.category as BudgetCategory].plus(data.total)) } : state;
    case 'CommitmentReleased':
      return data.inBudget ? { ...state, bound: withCategory(state.bound, data.category, state.bound[data.category as BudgetCategory].minus(data.total)) } : state;
    default:
      // Accruals and reversals move money between open and actual; the bound total is unchanged.
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

export function partyOf(role: string): Party | null {
  if (role === 'controller') return 'jugendamt';
  if (role === 'provider') return 'lead-provider';
  return null;
}
