import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { createTestApp, TestApp } from '../support/test-app';
import { IdentityProvider, jwtHeader, KEYCLOAK_USERS, signInWithPassword, startIdentityProvider } from '../support/oidc-idp';

const APP_ORIGIN = 'http://127.0.0.1:41234';
const AUDIENCE = 'sozialraum-budget';
const COOLDOWN_SECONDS = 3;

/**
 * Tokens as a Keycloak realm issues them, from a real OpenID provider: roles, tenant and provider
 * found where the configuration says, a key rotation followed, forged key ids refused without a
 * flood of JWKS fetches.
 */
describe('a Keycloak-shaped identity provider', () => {
  let idp: IdentityProvider;
  let t: TestApp;

  beforeAll(async () => {
    idp = await startIdentityProvider({ appOrigin: APP_ORIGIN });
    t = await createTestApp({
      AUTH_JWKS_URL: idp.jwksUrl,
      AUTH_ISSUER: idp.issuer,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_ROLES_CLAIM: 'realm_access.roles',
      AUTH_ROLE_MAP: 'jugendamt-controlling=controller,rechnungspruefung=auditor,traeger=provider',
      AUTH_TENANT_CLAIM: '/mandanten/{tenant}',
      AUTH_PROVIDER_CLAIM: '/traeger/{provider}',
      AUTH_JWKS_COOLDOWN_SECONDS: String(COOLDOWN_SECONDS),
    });
  });
  afterAll(async () => {
    await t?.close();
    await idp?.stop();
  });

  const me = (token: string) => t.http().get('/me').set('authorization', `Bearer ${token}`);

  it('maps realm roles and group paths to role, tenant and provider', async () => {
    const controlling = await signInWithPassword(idp, KEYCLOAK_USERS.controlling);
    const asController = await me(controlling.access_token);
    expect(asController.status).toBe(200);
    expect(asController.body).toMatchObject({ userId: 'kc-controlling', tenant: 'HRO-JA', roles: ['controller'], name: 'Frau Keycloak' });
    expect((await t.http().get('/budgets').set('authorization', `Bearer ${controlling.access_token}`)).status).toBe(200);

    const traeger = await signInWithPassword(idp, KEYCLOAK_USERS.traeger);
    const asProvider = await me(traeger.access_token);
    expect(asProvider.body).toMatchObject({ userId: 'kc-traeger', tenant: 'HRO-JA', roles: ['provider'], provider: 'TR-E' });
    // What the role matrix keeps from providers stays closed to this one as well.
    expect((await t.http().get('/budgets').set('authorization', `Bearer ${traeger.access_token}`)).status).toBe(403);
  });

  it('accepts a token signed with a new key after the identity provider rotated its keys', async () => {
    const before = await signInWithPassword(idp, KEYCLOAK_USERS.controlling);
    expect((await me(before.access_token)).status).toBe(200);
    const kid = await idp.rotateKeys();
    const after = await signInWithPassword(idp, KEYCLOAK_USERS.controlling);
    expect(jwtHeader(after.access_token).kid).toBe(kid);
    // The cached key set does not know the new key; it is fetched again once the cooldown allows.
    let answer = await me(after.access_token);
    while (answer.status !== 200) {
      expect(answer.status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 250));
      answer = await me(after.access_token);
    }
    expect(answer.body).toMatchObject({ userId: 'kc-controlling', roles: ['controller'] });
    // The old key stays published: tokens signed before the rotation stay valid until they expire.
    expect((await me(before.access_token)).status).toBe(200);
  });

  it('refuses tokens with an unknown key id without fetching the key set for each of them', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT({
      tenant: 'HRO-JA',
      roles: ['controller'],
      realm_access: { roles: ['jugendamt-controlling'] },
      groups: ['/mandanten/HRO-JA'],
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'not-a-key-of-this-idp' })
      .setIssuer(idp.issuer)
      .setAudience(AUDIENCE)
      .setSubject('intruder')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const fetchesBefore = await idp.jwksRequests();
    const answers = await Promise.all(Array.from({ length: 25 }, () => me(forged)));
    expect(answers.map((a) => a.status)).toEqual(Array(25).fill(401));
    expect(answers[0].body).toMatchObject({ type: '/problems/unauthenticated' });
    // At most one fetch for the whole burst (one per cooldown), not one per forged token.
    expect((await idp.jwksRequests()) - fetchesBefore).toBeLessThanOrEqual(1);
  });
});
