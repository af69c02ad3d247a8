import { Decider } from '../../../libs/ddd';
import { SozialraumBudgetState, evolveBudget, initialBudgetState, BudgetStreamEvent } from '../../budgets';
import { FlexibleState, evolveFlexible, initialFlexibleState } from './flexible-state';

/**
 * The budget stream seen by flexible money: the budget (planned, bound, frozen, status) and the
 * subsidies and activities decided against it. One stream, so one expected version guards both.
 */
export interface FlexibleBudgetState {
  budget: SozialraumBudgetState;
  flexible: FlexibleState;
}

export const initialFlexibleBudgetState: FlexibleBudgetState = { budget: initialBudgetState, flexible: initialFlexibleState };

export function evolveFlexibleBudget(state: FlexibleBudgetState, event: BudgetStreamEvent): FlexibleBudgetState {
  return { budget: evolveBudget(state.budget, event), flexible: evolveFlexible(state.flexible, event) };
}

export const flexibleBudgetDecider: Decider<FlexibleBudgetState, BudgetStreamEvent> = {
  initialState: initialFlexibleBudgetState,
  evolve: evolveFlexibleBudget,
};
