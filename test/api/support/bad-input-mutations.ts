import { Role } from '../../../libs/auth/principal';
import { RoleMatrix } from '../../../libs/auth/role-matrix';
import { TestApp } from '../../support/test-app';
import { createExampleApi, endpointExamples } from './all-examples';
import { ExampleCall } from './endpoint-examples';

/**
 * Bad-input mutations of an endpoint example's valid body, for the generated bad-input suites
 * (test/api/request-safety/bad-input-*.spec.ts): every write endpoint of the role matrix gets the
 * same treatment, and a new endpoint gets it as soon as it has an example.
 */

/** A leaf of a JSON body: its path as validation errors name it (`a.b`, `a[0].b`) and its value. */
export interface Leaf {
  path: string;
  value: string | number | boolean;
}

export function leaves(value: unknown, path = ''): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => leaves(child, path ? `${path}.${key}` : key));
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [{ path, value }];
  return [];
}

/** A deep copy of `body` with the leaf at `path` replaced. */
export function withLeaf(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(body));
  const steps = path.match(/[^.[\]]+/g)!;
  let node: any = copy;
  for (const step of steps.slice(0, -1)) node = node[step];
  node[steps[steps.length - 1]] = value;
  return copy;
}

/** A value of another JSON type than the leaf's. */
export function wrongType(value: string | number | boolean): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'zwölf';
  return 'ja';
}

export const AMOUNT = /^\d+\.\d{2}$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether an error of the problem names the field at `path` (or the field that contains it). */
export function namesField(errors: Array<{ field: string }> | undefined, path: string): boolean {
  return (errors ?? []).some((e) => e.field === path || path.startsWith(`${e.field}.`) || path.startsWith(`${e.field}[`));
}

export interface PreparedWrite {
  key: string;
  method: 'post' | 'put' | 'patch';
  role: Role;
  call: ExampleCall;
  token: string;
}

/** Every write route of the matrix with its first allowed role. */
export function writeRoutes(matrix: RoleMatrix): Array<[string, Role]> {
  return [...matrix.entries()].filter(([key]) => /^(POST|PUT|PATCH) /.test(key)).map(([key, roles]) => [key, [...roles][0]]);
}

/**
 * Runs each write route's example once (through the API, as in the role-matrix test) and keeps the
 * call with a token of its role. The calls stay valid because the bad-input suites never change
 * anything.
 */
export async function prepareWrites(t: TestApp, routes: Array<[string, Role]>): Promise<Map<string, PreparedWrite>> {
  const api = createExampleApi(t);
  const prepared = new Map<string, PreparedWrite>();
  for (const [key, role] of routes) {
    const example = endpointExamples.get(key);
    if (!example) throw new Error(`no endpoint example registered for "${key}": add one in test/api/<capability>/examples.ts`);
    const call = await example(api, role);
    const token = await t.token({ role, provider: role === 'provider' ? (call.provider ?? 'TR-E') : undefined, sub: `${role}-bad-input` });
    prepared.set(key, { key, method: key.split(' ')[0].toLowerCase() as PreparedWrite['method'], role, call, token });
  }
  await t.settle();
  return prepared;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: any;
}

/** Sends a raw body (string) or JSON to the prepared route with its token and example headers. */
export async function send(t: TestApp, write: PreparedWrite, body: string | object, contentType = 'application/json'): Promise<Answer> {
  let req = t.http()[write.method](write.call.path).set('authorization', `Bearer ${write.token}`);
  for (const [name, value] of Object.entries(write.call.headers ?? {})) req = req.set(name, value);
  return req.set('content-type', contentType).send(typeof body === 'string' ? body : JSON.stringify(body));
}

/**
 * What is wrong with an answer that should be a refusal with `status` and problem `type`, and,
 * for validation problems, name `field`; empty when it is right.
 */
export function refusalMismatch(label: string, res: Answer, status: number, type: string, field?: string): string[] {
  const wrong: string[] = [];
  const show = `${label}: got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
  if (res.status !== status) return [show];
  if (!/^application\/problem\+json/.test(res.headers['content-type'] ?? '')) wrong.push(`${label}: content-type ${res.headers['content-type']}`);
  if (res.body?.type !== type || res.body?.status !== status || typeof res.body?.title !== 'string' || typeof res.body?.detail !== 'string') wrong.push(show);
  if (field !== undefined && !namesField(res.body?.errors, field)) wrong.push(`${label}: errors do not name ${field}: ${JSON.stringify(res.body?.errors)}`);
  return wrong;
}
