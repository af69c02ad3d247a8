/**
 * A refusal by a domain rule. `problem` becomes the RFC 9457 problem type
 * (".../problems/<problem>"), so clients can react to the rule by name.
 */
export class DomainError extends Error {
  constructor(
    readonly problem: string,
    readonly title: string,
    readonly detail: string,
    readonly status: number = 422,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

/** A resource the command or query names does not exist (or is not visible to the caller): 404. */
export class NotFound extends DomainError {
  constructor(problem: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(problem, 'Not found', detail, 404, extensions);
  }
}

/** A concurrent change won the race and the command is not safe to re-decide automatically. */
export class ConcurrencyConflict extends DomainError {
  constructor(detail = 'the resource was changed concurrently; reload and try again') {
    super('concurrent-modification', 'Concurrent modification', detail, 409);
  }
}

/** If-Match named a version that is no longer current. */
export class PreconditionFailed extends DomainError {
  constructor(expected: number | 'exists', actual: number | null) {
    const detail =
      expected === 'exists'
        ? 'If-Match: * requires the resource to exist; it does not'
        : `If-Match names version ${expected}, the current version is ${actual ?? 'none'}`;
    super('stale-version', 'Precondition failed', detail, 412, {
      currentVersion: actual,
    });
  }
}

/** A rule forbids the command; each call site names the rule. */
export function refuse(problem: string, title: string, detail: string, extensions: Record<string, unknown> = {}): never {
  throw new DomainError(problem, title, detail, 422, extensions);
}
