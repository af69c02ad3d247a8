import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { isApiError } from './api/client';
import { sessionForToken } from './api/signed-in-user';
import { getSession, signIn, signOut } from './session';

/**
 * Sign-in through the municipality's identity provider: OpenID Connect authorization code flow
 * with PKCE for a public client. Tokens stay in memory; they are renewed before they expire (with
 * the refresh token when the provider issued one, otherwise in a hidden frame), and a reload of
 * the page asks the provider for a new one without a prompt while its own session lasts.
 */

export interface OidcSettings {
  issuer: string;
  clientId: string;
  scope: string;
}

export type OidcStart = { outcome: 'signed-in' } | { outcome: 'signed-out' } | { outcome: 'failed'; reason: string };

const APP_PATH = '/app/';

function appUrl(file = ''): string {
  return new URL(`${APP_PATH}${file}`, window.location.origin).href;
}

let manager: UserManager | null = null;
let start: Promise<OidcStart> | null = null;

function managerFor(settings: OidcSettings): UserManager {
  if (manager) return manager;
  const created = new UserManager({
    authority: settings.issuer,
    client_id: settings.clientId,
    scope: settings.scope,
    response_type: 'code',
    redirect_uri: appUrl(),
    silent_redirect_uri: appUrl('silent-renew.html'),
    post_logout_redirect_uri: appUrl(),
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    automaticSilentRenew: true,
    // The API says who the user is (GET /me); the provider's userinfo adds nothing the app needs.
    loadUserInfo: false,
  });
  // A renewal while signed in: the same person with a fresh token. The first sign-in is handled
  // where it starts, so that its failure can be shown.
  created.events.addUserLoaded((user) => {
    if (getSession()) void adopt(user).catch(() => undefined);
  });
  created.events.addAccessTokenExpired(() => signOut());
  manager = created;
  return created;
}

async function adopt(user: User): Promise<void> {
  const expiresAt = (user.expires_at ?? Math.floor(Date.now() / 1000) + 300) * 1000;
  signIn(await sessionForToken(user.access_token, expiresAt, 'oidc'));
}

function reasonOf(error: unknown): string {
  if (isApiError(error, 401)) return 'Die API hat den Zugang des Identitätsanbieters nicht angenommen.';
  if (isApiError(error)) return 'Die API konnte nicht feststellen, wer angemeldet ist.';
  const message = error instanceof Error ? error.message : '';
  if (message.includes('access_denied')) return 'Der Identitätsanbieter hat die Anmeldung abgelehnt.';
  return 'Die Antwort des Identitätsanbieters konnte nicht verarbeitet werden.';
}

/** Where the user was before the sign-in: carried through the provider in the state parameter. */
function routeToReturnTo(user: User): string {
  return typeof user.state === 'string' && user.state.startsWith('#/') ? user.state : '#/';
}

function isCallback(): boolean {
  const query = new URLSearchParams(window.location.search);
  return query.has('state') && (query.has('code') || query.has('error'));
}

/**
 * Once per page: completes a sign-in the provider sent back to this page, or else asks the
 * provider silently whether its session still holds.
 */
export function startOidc(settings: OidcSettings): Promise<OidcStart> {
  start ??= (async (): Promise<OidcStart> => {
    const users = managerFor(settings);
    if (isCallback()) {
      try {
        const user = await users.signinRedirectCallback();
        window.history.replaceState(null, '', appUrl() + routeToReturnTo(user));
        window.dispatchEvent(new HashChangeEvent('hashchange'));
        await adopt(user);
        return { outcome: 'signed-in' };
      } catch (error) {
        window.history.replaceState(null, '', appUrl());
        return { outcome: 'failed', reason: reasonOf(error) };
      }
    }
    if (new URLSearchParams(window.location.search).has('state')) {
      // Back from the provider's sign-out page: nothing to redeem, only the address to tidy.
      await users.signoutRedirectCallback().catch(() => undefined);
      window.history.replaceState(null, '', appUrl() + window.location.hash);
    }
    try {
      const user = await users.signinSilent();
      if (user) {
        await adopt(user);
        return { outcome: 'signed-in' };
      }
    } catch {
      // No session at the provider (login_required) or the provider is not reachable: the page
      // offers the sign-in.
    }
    return { outcome: 'signed-out' };
  })();
  return start;
}

/** To the provider's sign-in page; back on this page at the same route afterwards. */
export async function signInAtIdentityProvider(settings: OidcSettings): Promise<void> {
  await managerFor(settings).signinRedirect({ state: window.location.hash || '#/' });
}

/** Ends the session here and at the provider, which leads back to the app's start page. */
export async function signOutAtIdentityProvider(): Promise<void> {
  signOut();
  if (!manager) return;
  try {
    await manager.signoutRedirect();
  } catch {
    // The provider offers no sign-out endpoint: the tokens here are gone all the same.
    await manager.removeUser();
  }
}
