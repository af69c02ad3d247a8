import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The users of test/support/oidc-idp/idp.mjs (its table is the source; a sign-in test per user keeps the two equal). */
export const IDP_USERS = {
  controller: { username: 'controller', password: 'kontrolle', tenant: 'HRO-JA', roles: ['controller'], name: 'Frau Controlling' },
  providerTrE: { username: 'provider-tr-e', password: 'traeger', tenant: 'HRO-JA', roles: ['provider'], provider: 'TR-E', name: 'Herr Träger' },
  auditor: { username: 'auditor', password: 'pruefung', tenant: 'HRO-JA', roles: ['auditor'], name: 'Frau Prüfung' },
} as const;

export type IdpUser = (typeof IDP_USERS)[keyof typeof IDP_USERS];

/** Users whose tokens are shaped as a Keycloak realm issues them (realm_access, resource_access, groups). */
export const KEYCLOAK_USERS = {
  controlling: { username: 'kc-controlling', password: 'keycloak' },
  traeger: { username: 'kc-traeger', password: 'keycloak' },
} as const;

export interface IdentityProviderOptions {
  /** Origin of the web app under test: its /app/ and /app/silent-renew.html are the redirect URIs. */
  appOrigin: string;
  /** "aud" of the access tokens (default sozialraum-budget). */
  audience?: string;
  /** Lifetime of an access token (default 300 s). */
  accessTokenTtlSeconds?: number;
}

export interface IdentityProvider {
  issuer: string;
  jwksUrl: string;
  clientId: string;
  appOrigin: string;
  audience: string;
  users: typeof IDP_USERS;
  /** What the provider wrote to stderr so far (its warnings and errors), for a failing test's message. */
  log(): string;
  /** Puts a new signing key first (the old one stays published) and resolves with its key id. */
  rotateKeys(): Promise<string>;
  /** How often the provider's JWKS has been fetched so far. */
  jwksRequests(): Promise<number>;
  stop(): Promise<void>;
}

const IDP_SCRIPT = join(__dirname, 'oidc-idp', 'idp.mjs');
const LOG_LIMIT = 64 * 1024;

/** Starts the OpenID Connect provider as its own process and resolves once it listens. */
export async function startIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  const audience = options.audience ?? 'sozialraum-budget';
  // stdin stays open as a lifeline: if this process dies, the provider sees it end and exits too.
  const child = spawn(process.execPath, [IDP_SCRIPT, JSON.stringify({ ...options, audience, exitOnStdinEnd: true })], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-LOG_LIMIT);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const { issuer, jwksUrl } = await new Promise<{ issuer: string; jwksUrl: string }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      lines.close();
      reject(new Error(`the identity provider exited before it listened (${signal ?? `exit code ${code}`}):\n${stderr}`));
    };
    child.once('error', (error) => reject(new Error(`the identity provider could not be started: ${error.message}`)));
    child.once('exit', onExit);
    lines.on('line', (line) => {
      let announced: { issuer?: unknown; jwksUrl?: unknown };
      try {
        announced = JSON.parse(line);
      } catch {
        return;
      }
      if (typeof announced.issuer !== 'string' || typeof announced.jwksUrl !== 'string') return;
      child.off('exit', onExit);
      lines.close();
      // Nobody reads stdout from here on; draining it keeps a chatty provider from blocking on a full pipe.
      child.stdout.resume();
      resolve({ issuer: announced.issuer, jwksUrl: announced.jwksUrl });
    });
  }).catch(async (error) => {
    await stopChild(child, exited);
    throw error;
  });

  return {
    issuer,
    jwksUrl,
    clientId: 'sozialraum-web',
    appOrigin: new URL(options.appOrigin).origin,
    audience,
    users: IDP_USERS,
    log: () => stderr,
    async rotateKeys() {
      const res = await fetch(`${issuer}/test/rotate-keys`, { method: 'POST' });
      if (!res.ok) throw new Error(`key rotation answered HTTP ${res.status}`);
      return ((await res.json()) as { kid: string }).kid;
    },
    async jwksRequests() {
      const res = await fetch(`${issuer}/test/jwks-requests`);
      return ((await res.json()) as { count: number }).count;
    },
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await exited;
}

export interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  expires_in: number;
  token_type: string;
  scope?: string;
}

/** The IdP showed its login page again instead of redirecting back: the sign-in was refused. */
export class SignInRefused extends Error {
  constructor(
    readonly status: number,
    readonly page: string,
  ) {
    super(`sign-in refused: the login page came back (HTTP ${status})`);
  }
}

export interface SignInOptions {
  username: string;
  password: string;
  /** Default: the app's /app/. */
  redirectUri?: string;
  /** Default: "openid profile" (enough for a refresh token at this IdP). */
  scope?: string;
}

/**
 * The authorization code flow with PKCE as a browser runs it, with fetch: redirects followed by hand,
 * cookies carried, the login form posted. Returns the token response.
 */
export async function signInWithPassword(idp: IdentityProvider, options: SignInOptions): Promise<TokenResponse> {
  const redirectUri = options.redirectUri ?? `${idp.appOrigin}/app/`;
  const discovery = await openIdConfiguration(idp);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: idp.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: options.scope ?? 'openid profile',
    state,
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const jar = new CookieJar();
  let request: Hop = { url: authorize.href, method: 'GET', headers: {} };
  let posted = false;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(request.url, {
      method: request.method,
      body: request.body,
      redirect: 'manual',
      headers: { ...jar.header(request.url), ...request.headers },
    });
    jar.store(request.url, res.headers.getSetCookie());
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, request.url);
      if (`${next.origin}${next.pathname}` === redirectUri.split(/[?#]/)[0]) {
        const params = next.searchParams;
        if (params.get('error')) throw new Error(`authorization failed: ${params.get('error')} ${params.get('error_description') ?? ''}`);
        if (params.get('state') !== state) throw new Error('authorization answered with another state');
        return exchange(idp, discovery.token_endpoint, {
          grant_type: 'authorization_code',
          code: params.get('code') ?? '',
          redirect_uri: redirectUri,
          code_verifier: verifier,
        });
      }
      request = { url: next.href, method: 'GET', headers: {} };
      continue;
    }
    const page = await res.text();
    const form = /<form[^>]*method="post"[^>]*action="([^"]+)"/i.exec(page);
    if (!form || !/name="username"/.test(page)) throw new Error(`unexpected page at ${request.url} (HTTP ${res.status}):\n${page.slice(0, 2000)}`);
    if (posted) throw new SignInRefused(res.status, page);
    posted = true;
    request = {
      url: new URL(form[1].replace(/&amp;/g, '&'), request.url).href,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: options.username, password: options.password }).toString(),
    };
  }
  throw new Error('too many redirects during sign-in');
}

/** The refresh_token grant as the browser library makes it (public client, no secret; oidc-client-ts sends the granted scope). */
export async function refreshTokens(idp: IdentityProvider, refreshToken: string, options: { scope?: string } = {}): Promise<TokenResponse> {
  const discovery = await openIdConfiguration(idp);
  return exchange(idp, discovery.token_endpoint, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    ...(options.scope !== undefined ? { scope: options.scope } : {}),
  });
}

/** The claims of a JWT, unverified (the API under test is what verifies). */
export function jwtClaims(jwt: string): Record<string, any> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

export function jwtHeader(jwt: string): Record<string, any> {
  return JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString('utf8'));
}

interface Hop {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

interface OpenIdConfiguration {
  authorization_endpoint: string;
  token_endpoint: string;
}

async function openIdConfiguration(idp: IdentityProvider): Promise<OpenIdConfiguration> {
  const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`discovery answered HTTP ${res.status}`);
  return (await res.json()) as OpenIdConfiguration;
}

async function exchange(idp: IdentityProvider, tokenEndpoint: string, params: Record<string, string>): Promise<TokenResponse> {
  // The Origin header makes the provider apply its CORS check for the app, as for the browser's request.
  const res = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: idp.appOrigin },
    body: new URLSearchParams({ client_id: idp.clientId, ...params }).toString(),
  });
  const body = await res.json();
  if (!res.ok) throw Object.assign(new Error(`token endpoint answered HTTP ${res.status}: ${JSON.stringify(body)}`), { status: res.status, body });
  return body as TokenResponse;
}

/** Cookies by name and path, the little of RFC 6265 one host on http needs. */
class CookieJar {
  private readonly cookies = new Map<string, { name: string; value: string; path: string }>();

  store(url: string, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attribute = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attribute('path') || new URL(url).pathname.replace(/\/[^/]*$/, '') || '/';
      const expires = attribute('expires');
      const maxAge = attribute('max-age');
      const gone = value === '' || (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) <= Date.now());
      if (gone) this.cookies.delete(`${name};${path}`);
      else this.cookies.set(`${name};${path}`, { name, value, path });
    }
  }

  header(url: string): Record<string, string> {
    const { pathname } = new URL(url);
    const matching = [...this.cookies.values()].filter(({ path }) => pathname === path || pathname.startsWith(path.endsWith('/') ? path : `${path}/`));
    return matching.length ? { cookie: matching.map(({ name, value }) => `${name}=${value}`).join('; ') } : {};
  }
}
