import { randomUUID } from 'node:crypto';
import { Role } from '../../../libs/auth/principal';
import { TestApp } from '../../support/test-app';

/**
 * One working example call per endpoint of the role matrix (docs/security.md). The generated
 * role-matrix test and the bad-input suite use them: every matrix row must have an example.
 *
 * An example prepares whatever it needs through the API (using `api`) and returns a call that
 * succeeds for `role`. It is invoked once per role, so ids it creates must be unique per call
 * (use `api.unique(...)`).
 */
export interface ExampleCall {
  path: string;
  body?: Record<string, unknown>;
  /** Extra headers (If-Match, ...). */
  headers?: Record<string, string>;
  /** Provider claim for the calling token when role is 'provider' (default TR-E). */
  provider?: string;
}

export interface ExampleApi {
  t: TestApp;
  /** A unique suffix for ids (upper-case letters and digits). */
  unique(prefix: string): string;
  /** Calls the API as a role (setup steps); throws unless the answer is 2xx. */
  call(role: Role, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, provider?: string): Promise<any>;
}

export type EndpointExample = (api: ExampleApi, role: Role) => Promise<ExampleCall> | ExampleCall;

export const endpointExamples = new Map<string, EndpointExample>();

/** Registers examples, keyed exactly as the matrix rows ("POST /sozialraeume/:sozialraumId/..."). */
export function registerExamples(examples: Record<string, EndpointExample>): void {
  for (const [key, example] of Object.entries(examples)) {
    if (endpointExamples.has(key)) throw new Error(`endpoint example ${key} registered twice`);
    endpointExamples.set(key, example);
  }
}

export function createExampleApi(t: TestApp): ExampleApi {
  let counter = 0;
  const run = randomUUID()
    .slice(0, 6)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, 'X');
  return {
    t,
    unique: (prefix) => `${prefix}${run}${++counter}`,
    async call(role, method, path, body, provider) {
      const token = await t.token({ role, provider: role === 'provider' ? (provider ?? 'TR-E') : undefined, sub: `${role}-setup` });
      let req = t.http()[method.toLowerCase() as 'get'](path).set('authorization', `Bearer ${token}`);
      if (body !== undefined) req = req.send(body as object);
      const res = await req;
      if (res.status < 200 || res.status > 299) {
        throw new Error(`setup ${method} ${path} as ${role} answered ${res.status}: ${JSON.stringify(res.body)}`);
      }
      return res.body;
    },
  };
}
