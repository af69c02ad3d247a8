/**
 * The domain decides in pure functions: decide(command, state) -> events and
 * evolve(state, event) -> state. Tests call them without any infrastructure.
 */
export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
  /** Business date the event counts for (defaults to the command's business date). */
  businessDate?: string;
}

export interface Decider<S, E extends DomainEvent> {
  initialState: S;
  evolve(state: S, event: E): S;
}

export function fold<S, E extends DomainEvent>(decider: Decider<S, E>, events: E[], from: S = decider.initialState): S {
  return events.reduce((state, event) => decider.evolve(state, event), from);
}
