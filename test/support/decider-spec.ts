import { Decider, DomainEvent, fold } from '../../libs/ddd/decider';
import { DomainError } from '../../libs/ddd/domain-error';

/**
 * Given / when / then for deciders: the state is folded from the events that happened (never built
 * by running other deciders), the decision is called with one command and the looked-up facts, and
 * the outcome is either the new events or a refusal.
 *
 *   const spec = deciderSpec(caseDecider, decideGrantApproval);
 *   spec.given([caseOpened]).when(grant, facts).thenEvents([...]);
 *   spec.given([caseOpened]).when(grant, facts).thenRefused('rate-agreement-missing');
 */
export function deciderSpec<S, E extends DomainEvent, C, F>(decider: Decider<S, E>, decide: (command: C, state: S, facts: F) => E[]) {
  return {
    given(history: E[] = []) {
      const state = fold(decider, history);
      return {
        state,
        when(command: C, facts: F = undefined as F) {
          const run = () => decide(command, state, facts);
          return {
            /** The events decided (for assertions beyond equality). */
            events(): E[] {
              return run();
            },
            thenEvents(expected: E[]): E[] {
              const events = run();
              expect(events).toEqual(expected);
              return events;
            },
            /** The state after the decided events, for assertions on what follows from them. */
            thenState(): S {
              return fold(decider, run(), state);
            },
            thenRefused(problem: string, detail?: string | RegExp): DomainError {
              let refusal: unknown;
              try {
                run();
              } catch (error) {
                refusal = error;
              }
              if (!(refusal instanceof DomainError))
                throw new Error(refusal ? `expected refusal ${problem}, got ${String(refusal)}` : `expected refusal ${problem}, the command was accepted`);
              expect(refusal.problem).toBe(problem);
              // Every refusal says what was wrong in both languages the API speaks.
              expect(refusal.detail.de.length * refusal.detail.en.length).toBeGreaterThan(0);
              if (detail !== undefined) expect(refusal.detail.en).toMatch(detail);
              return refusal;
            },
          };
        },
      };
    },
  };
}
