/** RFC 9457 problem details. `type` is a URI reference naming the rule or error kind. */
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

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(name: string): string {
  return `/problems/${name}`;
}

export function problem(name: string, status: number, title: string, detail: string, extensions: Record<string, unknown> = {}): ProblemDetails {
  return { type: problemType(name), title, status, detail, ...extensions };
}

/** Thrown for request-level errors that should answer with a specific problem. */
export class ProblemException extends Error {
  constructor(
    readonly body: ProblemDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.detail);
  }
}

export class ValidationProblem extends ProblemException {
  constructor(errors: Array<{ field: string; message: string }>) {
    super(problem('validation-failed', 400, 'The request is invalid', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors }));
  }
}
