import type { Session } from '../session';
import { isRole } from '../session';
import { api, ok } from './client';

/**
 * The session for a new token: who the API says its holder is (GET /me), so that the app offers
 * what the API will allow, whichever identity provider issued the token and however it names its
 * claims.
 */
export async function sessionForToken(token: string, expiresAt: number, signedInWith: Session['signedInWith']): Promise<Session> {
  const me = await ok(api.GET('/me', { headers: { Authorization: `Bearer ${token}` } }));
  return {
    token,
    userId: me.userId,
    roles: me.roles.filter(isRole),
    tenant: me.tenant,
    provider: me.provider,
    name: me.name ?? me.userId,
    expiresAt,
    signedInWith,
  };
}
