import { ProblemKind } from '../ddd/problem-kind';
import { Language, Text, inLanguage } from '../text/text';
import { HTTP_PROBLEMS } from './http-problems';

/** RFC 9457 problem details as sent: `type` names the rule or error kind, the words are in one language. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** For validation problems: what field, and why (for a form to show next to the field). */
  errors?: Array<{ field: string; message: string }>;
  [extension: string]: unknown;
}

/** A field and what is wrong with it, in every language. */
export interface FieldIssue {
  field: string;
  message: Text;
}

/** A problem before it is put into the language of the request. */
export interface Problem {
  kind: ProblemKind;
  detail: Text;
  errors?: FieldIssue[];
  extensions?: Record<string, unknown>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(name: string): string {
  return `/problems/${name}`;
}

export function problem(kind: ProblemKind, detail: Text, extensions: Record<string, unknown> = {}): Problem {
  return { kind, detail, extensions };
}

/** The problem in the language the client asked for; `type` stays the machine key. */
export function renderProblem(value: Problem, language: Language): ProblemDetails {
  return {
    type: problemType(value.kind.name),
    title: inLanguage(value.kind.title, language),
    status: value.kind.status,
    detail: inLanguage(value.detail, language),
    ...(value.errors ? { errors: value.errors.map((issue) => ({ field: issue.field, message: inLanguage(issue.message, language) })) } : {}),
    ...value.extensions,
  };
}

/** Thrown for request-level errors that should answer with a specific problem. */
export class ProblemException extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail.en);
  }
}

/** One message per field that is wrong, the detail lists them. */
export class ValidationProblem extends ProblemException {
  constructor(errors: FieldIssue[]) {
    super({
      kind: HTTP_PROBLEMS['validation-failed'],
      detail: {
        de: errors.map((e) => `${e.field}: ${e.message.de}`).join('; '),
        en: errors.map((e) => `${e.field}: ${e.message.en}`).join('; '),
      },
      errors,
    });
  }
}
