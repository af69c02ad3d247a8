import { DomainError } from '../../libs/ddd/domain-error';

/** Runs a decision that must be refused and returns the refusal, for tests of the deciders. */
export function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal, the command was accepted');
}
