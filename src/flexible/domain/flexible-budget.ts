import { Decider } from '../../../libs/ddd';
import { SozialraumBudgetState, evolveBudget, initialBudgetState, BudgetStreamEvent } from '../../budgets';
import { FlexibleState, evolveFlexible, evolvePaid, initialFlexibleState } from './flexible-state';
import { FlexibleEvent, isFlexibleEvent } from './flexible.events';

/**
 * The budget stream seen by flexible money: the budget (planned, bound, frozen, status) and the
 * subsidies and activities decided against it. One stream, so one expected version guards both.
 */
export interface FlexibleBudgetState {
  budget: SozialraumBudgetState;
  flexible: FlexibleState;
}

/** Everything in a budget stream: the budget's planning and ledger events and flexible money's own. */
export type FlexibleBudgetEvent = BudgetStreamEvent | FlexibleEvent;

export const initialFlexibleBudgetState: FlexibleBudgetState = { budget: initialBudgetState, flexible: initialFlexibleState };

export function evolveFlexibleBudget(state: FlexibleBudgetState, event: FlexibleBudgetEvent): FlexibleBudgetState {
  if (isFlexibleEvent(event)) return { ...state, flexible: evolveFlexible(state.flexible, event) };
  return { budget: evolveBudget(state.budget, event), flexible: evolvePaid(state.flexible, event) };
}

export const flexibleBudgetDecider: Decider<FlexibleBudgetState, FlexibleBudgetEvent> = {
  initialState: initialFlexibleBudgetState,
  evolve: evolveFlexibleBudget,
};

/** The event of a type among those a decision returned (the granted subsidy, the reported activity). */
export function decidedEvent<T extends FlexibleBudgetEvent['type']>(events: FlexibleBudgetEvent[], type: T): Extract<FlexibleBudgetEvent, { type: T }> {
  const event = events.find((e): e is Extract<FlexibleBudgetEvent, { type: T }> => e.type === type);
  if (!event) throw new Error(`the decision recorded no ${type}`);
  return event;
}
