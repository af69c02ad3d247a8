import { Text, text } from '../text/text';
import { DDD_PROBLEMS } from './ddd-problems';
import { ProblemKind } from './problem-kind';

/**
 * A refusal by a domain rule. The kind names the rule (its problem type, status and title), the
 * detail says in German and English what was wrong with this command.
 */
export class DomainError extends Error {
  readonly problem: string;
  readonly status: number;
  readonly title: Text;

  constructor(
    readonly kind: ProblemKind,
    readonly detail: Text,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail.en);
    this.name = 'DomainError';
    this.problem = kind.name;
    this.status = kind.status;
    this.title = kind.title;
  }
}

/** A resource the command or query names does not exist (or is not visible to the caller): 404. */
export class NotFound extends DomainError {
  constructor(kind: ProblemKind, detail: Text, extensions: Record<string, unknown> = {}) {
    if (kind.status !== 404) throw new Error(`${kind.name} is not a 404 problem`);
    super(kind, detail, extensions);
  }
}

/** A concurrent change won the race and the command is not safe to re-decide automatically. */
export class ConcurrencyConflict extends DomainError {
  constructor(
    detail = text(
      'Die Daten wurden gleichzeitig von anderer Seite geändert; bitte neu laden und erneut versuchen.',
      'The resource was changed concurrently; reload and try again.',
    ),
  ) {
    super(DDD_PROBLEMS['concurrent-modification'], detail);
  }
}

/** If-Match named a version that is no longer current. */
export class PreconditionFailed extends DomainError {
  constructor(expected: number | 'exists', actual: number | null) {
    const detail =
      expected === 'exists'
        ? text('If-Match: * setzt voraus, dass es die Ressource gibt; es gibt sie nicht.', 'If-Match: * requires the resource to exist; it does not.')
        : text(
            `If-Match nennt die Fassung ${expected}, aktuell ist ${actual ?? 'keine'}.`,
            `If-Match names version ${expected}, the current version is ${actual ?? 'none'}.`,
          );
    super(DDD_PROBLEMS['stale-version'], detail, { currentVersion: actual });
  }
}

/** A rule forbids the command; each call site names the rule and says what was wrong. */
export function refuse(kind: ProblemKind, detail: Text, extensions: Record<string, unknown> = {}): never {
  throw new DomainError(kind, detail, extensions);
}
