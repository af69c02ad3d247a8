import { Role } from '../../../libs/auth/principal';
import { TestApp } from '../../support/test-app';

/** A caller of the API in one role (provider users default to TR-E). */
export interface Caller {
  get(path: string): Promise<{ status: number; body: any; headers: Record<string, string> }>;
  post(path: string, body?: object): Promise<{ status: number; body: any; headers: Record<string, string> }>;
}

export function as(t: TestApp, role: Role, provider?: string): Caller {
  const token = t.token({ role, provider: role === 'provider' ? (provider ?? 'TR-E') : undefined, sub: `${role}-${provider ?? 'x'}` });
  const auth = async () => `Bearer ${await token}`;
  return {
    get: async (path) =>
      t
        .http()
        .get(path)
        .set('authorization', await auth()),
    post: async (path, body = {}) =>
      t
        .http()
        .post(path)
        .set('authorization', await auth())
        .send(body),
  };
}

/** Fails with the problem body when the answer is not the expected status. */
export async function expectStatus<T extends { status: number; body: any }>(pending: Promise<T>, status: number): Promise<T> {
  const res = await pending;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}
