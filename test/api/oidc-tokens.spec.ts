import { createTestApp, TestApp } from '../support/test-app';
import {
  IdentityProvider,
  IDP_USERS,
  jwtClaims,
  jwtHeader,
  refreshTokens,
  signInWithPassword,
  SignInRefused,
  startIdentityProvider,
} from '../support/oidc-idp';

// Only the redirect URIs are derived from it: this test never opens the app.
const APP_ORIGIN = 'http://127.0.0.1:41234';
const AUDIENCE = 'sozialraum-budget';

describe('tokens of a real OpenID Connect provider', () => {
  let idp: IdentityProvider;
  let t: TestApp;

  beforeAll(async () => {
    idp = await startIdentityProvider({ appOrigin: APP_ORIGIN });
    t = await createTestApp({ AUTH_JWKS_URL: idp.jwksUrl, AUTH_ISSUER: idp.issuer, AUTH_AUDIENCE: AUDIENCE });
  });
  afterAll(async () => {
    await t?.close();
    await idp?.stop();
  });

  const get = (path: string, token: string) => t.http().get(path).set('authorization', `Bearer ${token}`);

  it('signs the controller in with password and the API accepts the access token', async () => {
    const tokens = await signInWithPassword(idp, { username: 'controller', password: 'kontrolle' });

    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: expect.any(Number) });
    expect(tokens.expires_in).toBeLessThanOrEqual(300);
    expect(jwtHeader(tokens.access_token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(jwtClaims(tokens.access_token)).toMatchObject({
      iss: idp.issuer,
      aud: AUDIENCE,
      sub: 'controller',
      exp: expect.any(Number),
      tenant: 'HRO-JA',
      roles: ['controller'],
      name: 'Frau Controlling',
    });
    expect(jwtClaims(tokens.access_token)).not.toHaveProperty('provider');
    expect(jwtClaims(tokens.id_token as string)).toMatchObject({ iss: idp.issuer, aud: idp.clientId, sub: 'controller', name: 'Frau Controlling' });

    const res = await get('/budgets', tokens.access_token);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(expect.any(Array));
  });

  it.each(Object.values(IDP_USERS))('gives $username a token with the claims of the user table', async (user) => {
    const tokens = await signInWithPassword(idp, { username: user.username, password: user.password });
    const claims = jwtClaims(tokens.access_token);
    expect(claims).toMatchObject({ sub: user.username, tenant: user.tenant, roles: [...user.roles], name: user.name });
    expect(claims.provider).toBe('provider' in user ? user.provider : undefined);
  });

  it('refuses a wrong password: the login form comes back with a German error and no code', async () => {
    const refused = await signInWithPassword(idp, { username: 'controller', password: 'falsch' }).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(SignInRefused);
    const { page } = refused as SignInRefused;
    expect(page).toContain('Benutzername oder Passwort ist falsch.');
    expect(page).toMatch(/<label for="username">Benutzername<\/label>/);
    expect(page).toMatch(/<label for="password">Passwort<\/label>/);
    expect(page).toMatch(/<button type="submit">Anmelden<\/button>/);
    expect(page).not.toContain('kontrolle');
  });

  it('gives a provider user provider TR-E, and a controller route refuses him with 403', async () => {
    const tokens = await signInWithPassword(idp, { username: 'provider-tr-e', password: 'traeger' });
    expect(jwtClaims(tokens.access_token)).toMatchObject({ roles: ['provider'], provider: 'TR-E' });

    expect((await get('/budgets', tokens.access_token)).status).toBe(403);
    // The token itself is good: a route open to provider users answers.
    expect((await get('/sozialraeume', tokens.access_token)).status).toBe(200);
  });

  it('renews the access token with the refresh token, and the API accepts the new one', async () => {
    const first = await signInWithPassword(idp, { username: 'controller', password: 'kontrolle', scope: 'openid profile' });
    expect(first.refresh_token).toEqual(expect.any(String));
    expect(first.scope).toBe('openid profile');

    const renewed = await refreshTokens(idp, first.refresh_token as string, { scope: first.scope });

    expect(renewed.access_token).not.toBe(first.access_token);
    expect(renewed.refresh_token).toEqual(expect.any(String));
    expect(renewed.refresh_token).not.toBe(first.refresh_token);
    expect(renewed.id_token).toEqual(expect.any(String));
    expect(jwtClaims(renewed.access_token)).toMatchObject({ aud: AUDIENCE, iss: idp.issuer, sub: 'controller', roles: ['controller'] });
    expect((await get('/budgets', renewed.access_token)).status).toBe(200);
  });

  describe('an identity provider that issues tokens for another audience', () => {
    let other: IdentityProvider;
    let trustingOther: TestApp;

    beforeAll(async () => {
      other = await startIdentityProvider({ appOrigin: APP_ORIGIN, audience: 'other' });
      // Same issuer and keys as the API trusts, so the audience alone is what is wrong.
      trustingOther = await createTestApp({ AUTH_JWKS_URL: other.jwksUrl, AUTH_ISSUER: other.issuer, AUTH_AUDIENCE: AUDIENCE });
    });
    afterAll(async () => {
      await trustingOther?.close();
      await other?.stop();
    });

    it('has its token refused with 401', async () => {
      const tokens = await signInWithPassword(other, { username: 'controller', password: 'kontrolle' });
      expect(jwtClaims(tokens.access_token).aud).toBe('other');

      const res = await trustingOther.http().get('/budgets').set('authorization', `Bearer ${tokens.access_token}`);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toMatch(/aud/);
    });
  });
});
