import { Text } from '../text/text';

/**
 * A kind of refusal or error: the stable machine name clients react to (the RFC 9457 problem type
 * "/problems/<name>"), its HTTP status and its title, which per RFC 9457 does not change from
 * occurrence to occurrence. The occurrence's own words are its detail.
 */
export interface ProblemKind {
  readonly name: string;
  readonly status: number;
  readonly title: Text;
}

type Definitions = Record<string, { status: number; de: string; en: string }>;

/** The problem kinds of one part of the system, keyed by their machine name. */
export function defineProblems<const T extends Definitions>(definitions: T): { readonly [K in keyof T]: ProblemKind } {
  const kinds: Record<string, ProblemKind> = {};
  for (const [name, { status, de, en }] of Object.entries(definitions)) {
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) throw new Error(`problem name ${name} is not kebab-case`);
    kinds[name] = Object.freeze({ name, status, title: Object.freeze({ de, en }) });
  }
  return kinds as { readonly [K in keyof T]: ProblemKind };
}
