// A real OpenID Connect provider (oidc-provider) for tests, run as its own process:
//
//   node test/support/oidc-idp/idp.mjs '{"appOrigin":"http://127.0.0.1:41234"}'
//   OIDC_IDP_OPTIONS='{"appOrigin":"http://127.0.0.1:41234"}' node test/support/oidc-idp/idp.mjs
//
// Options (one JSON object; the first argument wins over the environment variable OIDC_IDP_OPTIONS):
//   appOrigin              required, origin of the web app under test, e.g. "http://127.0.0.1:41234"
//   audience               "aud" of the access tokens (default "sozialraum-budget")
//   accessTokenTtlSeconds  lifetime of an access token (default 300)
//   exitOnStdinEnd         exit when stdin closes (default false), so a test runner that dies takes the
//                          provider with it
//
// It listens on 127.0.0.1 on a free port; the issuer is http://127.0.0.1:<port>. Once listening it prints one
// line of JSON to stdout, {"issuer":"…","jwksUrl":"…"}, and nothing else; everything else goes to stderr.
//
// The one client is the public web client "sozialraum-web" (authorization code with PKCE S256, no secret).
// Access tokens are RS256 JWTs (typ at+jwt) for the API: aud = audience, iss, sub, exp, client_id, scope and
// the user's tenant, roles, provider (provider users only) and name. The authorization request needs no
// "resource" parameter: the API's resource indicator (urn:<audience>, or the audience itself when it already
// is an absolute URI) is the default. Because every access token is for the API, the userinfo endpoint refuses
// them (their audience is not userinfo): the browser client reads name, tenant, roles and provider from the
// ID token, which carries them for scope "profile".
//
// Refresh tokens: issued to this client for any authorization code request, "openid profile" is enough
// (offline_access is not needed; without it the refresh token ends with the sign-in session, i.e. on logout).
// They rotate on every use, as oidc-provider does for public browser clients.
//
// Users: the table USERS below (login name = sub; controller/kontrolle, provider-tr-e/traeger, auditor/pruefung;
// kc-controlling/keycloak and kc-traeger/keycloak with Keycloak-shaped claims).
//
// Test controls (this provider is for tests only): POST /test/rotate-keys puts a new signing key first (the
// old one stays published, as at a Keycloak key rotation) and answers {"kid":"…"} of the new key; GET
// /test/jwks-requests answers {"count":n}, how often the JWKS was fetched.
//
// Sign-in: a login page at /interaction/:uid with the fields "username" (label "Benutzername") and
// "password" (label "Passwort") and the button "Anmelden"; a wrong password shows the page again with
// "Benutzername oder Passwort ist falsch." (role="alert", id "login-error"). Consent is not asked for:
// the client is first-party, every requested scope is granted on sign-in.
//
// Logout (end_session_endpoint, a browser navigation): with a valid id_token_hint the page ("Sie werden
// abgemeldet …") submits the confirmation itself and the browser lands on the post_logout_redirect_uri
// (with its state); without a hint, while signed in, the page asks "Möchten Sie sich abmelden?" and the user
// clicks "Abmelden" (or "Angemeldet bleiben"). Logout ends the session and with it its refresh tokens.
import { Buffer } from 'node:buffer';
import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import process from 'node:process';
import { URL, URLSearchParams } from 'node:url';
import Provider, { errors } from 'oidc-provider';

const USERS = {
  controller: { password: 'kontrolle', claims: { tenant: 'HRO-JA', roles: ['controller'], name: 'Frau Controlling' } },
  'provider-tr-e': { password: 'traeger', claims: { tenant: 'HRO-JA', roles: ['provider'], provider: 'TR-E', name: 'Herr Träger' } },
  auditor: { password: 'pruefung', claims: { tenant: 'HRO-JA', roles: ['auditor'], name: 'Frau Prüfung' } },
  // Shaped as a Keycloak realm issues them: realm and client roles under the IdP's own names, the
  // Jugendamt and the Träger as group paths, none of the product's own claims.
  'kc-controlling': {
    password: 'keycloak',
    claims: {
      name: 'Frau Keycloak',
      realm_access: { roles: ['offline_access', 'uma_authorization', 'jugendamt-controlling'] },
      resource_access: { 'sozialraum-budget': { roles: ['rechnungspruefung'] }, account: { roles: ['manage-account'] } },
      groups: ['/mandanten/HRO-JA', '/abteilungen/51'],
    },
  },
  'kc-traeger': {
    password: 'keycloak',
    claims: { name: 'Herr Keycloak', realm_access: { roles: ['offline_access', 'traeger'] }, groups: ['/mandanten/HRO-JA', '/traeger/TR-E'] },
  },
};

const CLIENT_ID = 'sozialraum-web';
// The access token carries the granted OpenID scopes, as Keycloak's do: a browser library that renews with
// the scope of the last token response (oidc-client-ts does) would otherwise ask for an empty scope.
const API_SCOPES = 'openid profile offline_access';

// oidc-provider prints its notices with console.info: stdout carries only the one JSON line.
const stderrLine = (...parts) => process.stderr.write(`${parts.map((p) => (p instanceof Error ? (p.stack ?? p.message) : String(p))).join(' ')}\n`);
globalThis.console.info = stderrLine;
globalThis.console.log = stderrLine;

function readOptions() {
  const raw = process.argv[2] ?? process.env.OIDC_IDP_OPTIONS;
  if (!raw) throw new Error('options missing: pass a JSON object as the first argument or in OIDC_IDP_OPTIONS');
  const options = JSON.parse(raw);
  const appOrigin = URL.parse(options.appOrigin ?? '')?.origin;
  if (!appOrigin || appOrigin === 'null')
    throw new Error(`appOrigin must be an origin such as http://127.0.0.1:41234, got ${JSON.stringify(options.appOrigin)}`);
  const audience = options.audience ?? 'sozialraum-budget';
  const accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 300;
  if (!Number.isSafeInteger(accessTokenTtlSeconds) || accessTokenTtlSeconds <= 0) throw new Error('accessTokenTtlSeconds must be a positive integer');
  return { appOrigin, audience, accessTokenTtlSeconds, exitOnStdinEnd: options.exitOnStdinEnd === true };
}

const htmlSafe = (value) =>
  String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const page = (title, body) => `<!DOCTYPE html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${htmlSafe(title)}</title>
  <style>
    body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 24rem; color: #1a1a1a; }
    label { display: block; margin-top: 1rem; font-weight: 600; }
    input { display: block; width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; }
    button { margin-top: 1.5rem; padding: .5rem 1.5rem; font-size: 1rem; }
    .error { color: #a00000; font-weight: 600; }
  </style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;

function loginPage(uid, { username = '', failed = false } = {}) {
  const invalid = failed ? ' aria-invalid="true" aria-describedby="login-error"' : '';
  return page(
    'Anmelden',
    `<h1>Anmelden</h1>
${failed ? '<p class="error" role="alert" id="login-error">Benutzername oder Passwort ist falsch.</p>' : ''}
<form method="post" action="/interaction/${htmlSafe(uid)}" autocomplete="on">
  <label for="username">Benutzername</label>
  <input id="username" name="username" type="text" autocomplete="username" required value="${htmlSafe(username)}"${invalid}>
  <label for="password">Passwort</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${invalid}>
  <button type="submit">Anmelden</button>
</form>`,
  );
}

function passwordMatches(user, password) {
  const expected = Buffer.from(user.password);
  const given = Buffer.from(String(password ?? ''));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 16 * 1024) throw new errors.InvalidRequest('request body too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The grant this first-party client gets without asking: whatever it requested. */
async function grantRequested(ctx, grant) {
  const { oidc } = ctx;
  const oidcScope = [...oidc.requestParamOIDCScopes].join(' ');
  if (oidcScope) grant.addOIDCScope(oidcScope);
  if (oidc.requestParamClaims?.size) grant.addOIDCClaims([...oidc.requestParamClaims]);
  for (const [indicator, resourceServer] of Object.entries(oidc.resourceServers)) {
    const scope = [...oidc.requestParamScopes].filter((s) => resourceServer.scopes.has(s)).join(' ');
    if (scope) grant.addResourceScope(indicator, scope);
  }
  await grant.save();
  return grant;
}

function main() {
  const options = readOptions();
  const resource = URL.parse(options.audience)?.href ? options.audience : `urn:${options.audience}`;
  const server = createServer();

  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    const issuer = `http://127.0.0.1:${port}`;
    let keys = [newSigningKey()];
    let handler = createProvider(issuer, options, resource, keys).callback();
    let jwksRequests = 0;
    const jwksPath = '/jwks';
    server.on('request', (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'POST' && path === '/test/rotate-keys') {
        // A new provider on the same issuer and port; sessions live in oidc-provider's shared memory store.
        keys = [newSigningKey(), ...keys];
        handler = createProvider(issuer, options, resource, keys).callback();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ kid: keys[0].kid }));
        return;
      }
      if (req.method === 'GET' && path === '/test/jwks-requests') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ count: jwksRequests }));
        return;
      }
      if (path === jwksPath) jwksRequests++;
      handler(req, res);
    });
    announce(issuer).catch((error) => {
      stderrLine('oidc-idp: discovery failed', error);
      process.exit(1);
    });
  });
  server.on('error', (error) => {
    stderrLine('oidc-idp: server error', error);
    process.exit(1);
  });

  const stop = () => {
    server.close(() => process.exit(0));
    // A browser's keep-alive connections would hold the exit back.
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (options.exitOnStdinEnd) {
    process.stdin.on('end', stop);
    process.stdin.on('close', stop);
    process.stdin.resume();
  }
}

async function announce(issuer) {
  // The JWKS URL printed is the one discovery advertises, so a mistake there shows up here first.
  // (globalThis: the lint configuration declares no Node.js globals for .mjs files.)
  const discovery = await (await globalThis.fetch(`${issuer}/.well-known/openid-configuration`)).json();
  process.stdout.write(`${JSON.stringify({ issuer: discovery.issuer, jwksUrl: discovery.jwks_uri })}\n`);
}

function newSigningKey() {
  return {
    ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
    alg: 'RS256',
    use: 'sig',
    kid: randomBytes(8).toString('hex'),
  };
}

function createProvider(issuer, options, resource, signingKeys) {
  const { appOrigin, audience, accessTokenTtlSeconds } = options;
  const session = 8 * 60 * 60;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_name: 'Sozialraumbudget',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${appOrigin}/app/`, `${appOrigin}/app/silent-renew.html`],
        post_logout_redirect_uris: [`${appOrigin}/app/`],
      },
    ],
    // The first key signs; the others are published for tokens signed before a rotation.
    jwks: { keys: signingKeys },
    // Signed cookies need keys; a fresh provider per test run needs no stable ones. No "secure" flag is
    // set over plain http (oidc-provider sets it only for https requests), so 127.0.0.1 works as it is.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], profile: ['name', 'tenant', 'roles', 'provider'] },
    // With response_type=code oidc-provider puts scope claims only into userinfo, which these access tokens
    // cannot reach: the browser client reads them from the ID token.
    conformIdTokenClaims: false,
    scopes: ['openid', 'profile', 'offline_access'],
    // The default allows every redirect-URI origin of a public client; only the app under test may call.
    clientBasedCORS: (_ctx, origin, client) => client.clientId === CLIENT_ID && origin === appOrigin,
    async findAccount(_ctx, sub) {
      const user = USERS[sub];
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, ...user.claims };
        },
      };
    },
    async extraTokenClaims(_ctx, token) {
      const user = token.kind === 'AccessToken' ? USERS[token.accountId] : undefined;
      return user ? { ...user.claims } : undefined;
    },
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      const grant = existing ?? new ctx.oidc.provider.Grant({ accountId: ctx.oidc.session.accountId, clientId: ctx.oidc.client.clientId });
      return grantRequested(ctx, grant);
    },
    async issueRefreshToken(_ctx, client, code) {
      if (!client.grantTypeAllowed('refresh_token')) return false;
      return code.scopes.has('offline_access') || (client.applicationType === 'web' && client.clientAuthMethod === 'none');
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx, _client, oneOf) => (oneOf ? (oneOf.includes(resource) ? resource : oneOf) : resource),
        // Without this an authorization with scope openid would get an access token for userinfo.
        useGrantedResource: async () => true,
        async getResourceServerInfo(_ctx, indicator) {
          if (indicator !== resource) throw new errors.InvalidTarget();
          return { scope: API_SCOPES, audience, accessTokenTTL: accessTokenTtlSeconds, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          // A validated id_token_hint names the client and user, as at Keycloak: no question needed then.
          if (ctx.oidc.entities.IdTokenHint) {
            ctx.body = page(
              'Abmelden',
              `<h1>Sie werden abgemeldet …</h1>
${form.replace('</form>', '<input type="hidden" name="logout" value="yes"/><noscript><button type="submit">Abmelden</button></noscript></form>')}
<script>document.getElementById('op.logoutForm').submit();</script>`,
            );
            return;
          }
          ctx.body = page(
            'Abmelden',
            `<h1>Möchten Sie sich abmelden?</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Abmelden</button>
<button type="submit" form="op.logoutForm">Angemeldet bleiben</button>`,
          );
        },
        async postLogoutSuccessSource(ctx) {
          ctx.body = page('Abgemeldet', '<h1>Sie sind abgemeldet.</h1>');
        },
      },
    },
    pkce: { required: () => true },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page(
        'Fehler bei der Anmeldung',
        `<h1>Fehler bei der Anmeldung</h1>
<p>${htmlSafe(out.error)}${out.error_description ? `: ${htmlSafe(out.error_description)}` : ''}</p>`,
      );
    },
    ttl: {
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Grant: session,
      Session: session,
      // A rotated refresh token keeps the remaining lifetime of the first one: a session is not stretched.
      RefreshToken: (ctx) => ctx?.oidc?.entities.RotatedRefreshToken?.remainingTTL ?? session,
    },
  });

  provider.on('server_error', (_ctx, error) => stderrLine('oidc-idp: server_error', error));

  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([^/]+)$/.exec(ctx.path);
    if (!match) return next();
    ctx.set('cache-control', 'no-store');
    let details;
    try {
      details = await provider.interactionDetails(ctx.req, ctx.res);
    } catch (error) {
      if (!(error instanceof errors.SessionNotFound)) throw error;
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = page('Anmeldung abgelaufen', '<h1>Die Anmeldung ist abgelaufen.</h1><p>Bitte starten Sie die Anmeldung in der Anwendung neu.</p>');
      return undefined;
    }
    if (details.uid !== match[1]) throw new errors.InvalidRequest('interaction does not match');

    if (details.prompt.name === 'consent') {
      // Only reached when a grant went missing after sign-in; the client is first-party, so grant again.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      const scope = String(details.params.scope ?? 'openid');
      grant.addOIDCScope(scope);
      grant.addResourceScope(resource, scope);
      const grantId = await grant.save();
      ctx.respond = false;
      return provider.interactionFinished(ctx.req, ctx.res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
    }

    if (ctx.method === 'GET') {
      ctx.type = 'html';
      ctx.body = loginPage(details.uid, { username: details.params.login_hint });
      return undefined;
    }
    if (ctx.method !== 'POST') return next();

    const form = await readForm(ctx.req);
    const username = form.get('username') ?? '';
    const user = Object.hasOwn(USERS, username) ? USERS[username] : undefined;
    if (!user || !passwordMatches(user, form.get('password'))) {
      ctx.type = 'html';
      ctx.body = loginPage(details.uid, { username, failed: true });
      return undefined;
    }
    ctx.respond = false;
    return provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
  });

  return provider;
}

try {
  main();
} catch (error) {
  stderrLine('oidc-idp:', error);
  process.exit(1);
}
