import { createTestApp, TestApp } from '../support/test-app';

/** The web app's sign-in in development: the demo tenant's users, and a token for one of them. */
describe('development sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('lists the demo users, one per role and one per Träger, without a token', async () => {
    const res = await t.http().get('/dev/users');
    expect(res.status).toBe(200);
    expect(res.body.tenant).toBe('HRO-JA');
    const roles = new Set(res.body.users.map((u: any) => u.role));
    expect([...roles].sort()).toEqual(['admin', 'auditor', 'caseworker', 'controller', 'provider', 'wiju']);
    expect(res.body.users.filter((u: any) => u.role === 'wiju')).toHaveLength(2);
    expect(res.body.users.find((u: any) => u.id === 'provider-TR-E')).toMatchObject({ role: 'provider', providerId: 'TR-E' });
  });

  it('signs a token for a demo user that the API accepts, with that user role and organisation', async () => {
    const admin = (await t.http().post('/dev/token').send({ userId: 'admin-1' })).body.token;
    for (const [providerId, name] of [
      ['TR-E', 'Jugendhilfeverbund Nordost e.V.'],
      ['TR-F', 'Kinder- und Jugendwohnen Warnow gGmbH'],
    ]) {
      expect((await t.http().post('/providers').set('authorization', `Bearer ${admin}`).send({ providerId, name, legalForm: 'e.V.' })).status).toBe(201);
    }
    const res = await t.http().post('/dev/token').send({ userId: 'provider-TR-F' });
    expect(res.status).toBe(200);
    const me = await t.http().get('/me').set('authorization', `Bearer ${res.body.token}`);
    expect(me.body).toEqual({ userId: 'provider-TR-F', tenant: 'HRO-JA', roles: ['provider'], provider: 'TR-F', name: expect.any(String) });
    expect(res.body.expiresIn).toBeGreaterThan(0);
    const listed = await t.http().get('/providers/TR-F/rate-agreements').set('authorization', `Bearer ${res.body.token}`);
    expect(listed.status).toBe(200);
    const foreign = await t.http().get('/providers/TR-E/rate-agreements').set('authorization', `Bearer ${res.body.token}`);
    expect(foreign.status).toBe(404);
  });

  it('refuses an unknown user with a German problem naming the field', async () => {
    const res = await t.http().post('/dev/token').send({ userId: 'mallory' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'userId', message: 'muss einer der Nutzer aus GET /dev/users sein.' }]);
  });

  it('tells the web app, without a token, that this installation offers the development sign-in', async () => {
    const res = await t.http().get('/sign-in');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ method: 'development' });
  });

  it('leads from / to the web app', async () => {
    const res = await t.http().get('/');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/app/');
  });

  it('does not exist where tokens come from an identity provider', async () => {
    const issuer = 'https://login.rostock.de/realms/jugendamt';
    const oidc = await createTestApp({ AUTH_JWKS_URL: `${issuer}/protocol/openid-connect/certs`, AUTH_ISSUER: issuer, AUTH_AUDIENCE: 'sozialraum-budget' });
    try {
      expect((await oidc.http().get('/dev/users')).status).toBe(404);
      expect((await oidc.http().post('/dev/token').send({ userId: 'controller-1' })).status).toBe(404);
      const method = await oidc.http().get('/sign-in');
      expect(method.body).toEqual({ method: 'oidc', issuer, clientId: 'sozialraum-web', scope: 'openid profile' });
      // The browser may reach the identity provider from the web app, and nothing else outside.
      const csp = String(method.headers['content-security-policy']);
      expect(csp).toContain("connect-src 'self' https://login.rostock.de");
      expect(csp).toContain("frame-src 'self' https://login.rostock.de");
    } finally {
      await oidc.close();
    }
  });
});
