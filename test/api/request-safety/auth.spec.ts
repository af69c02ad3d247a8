import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, KeyLike } from 'jose';
import { ConfigError, loadConfig } from '../../../libs/config/app-config';
import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget, registerSozialraum } from '../flexible/flexible-setup';

const ISSUER = 'https://keycloak.test/realms/hro';
const AUDIENCE = 'sozialraum-budget';

describe('authentication with the identity provider (JWKS)', () => {
  let t: TestApp;
  let jwks: Server;
  let privateKey: KeyLike;
  let otherKey: KeyLike;

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256');
    privateKey = keys.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const port = (jwks.address() as AddressInfo).port;
    t = await createTestApp({
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/certs`,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_CLOCK_TOLERANCE_SECONDS: '5',
    });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const sign = (claims: Record<string, unknown> = {}, options: { key?: KeyLike; iss?: string; aud?: string; exp?: number; nbf?: number } = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ tenant: 'HRO-JA', roles: ['controller'], name: 'Controlling', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('u-4711')
      .setIssuer(options.iss ?? ISSUER)
      .setAudience(options.aud ?? AUDIENCE)
      .setIssuedAt()
      .setNotBefore(options.nbf ?? now - 1)
      .setExpirationTime(options.exp ?? now + 300)
      .sign(options.key ?? privateKey);
  };
  const get = async (token: string) => t.http().get('/budgets').set('authorization', `Bearer ${token}`);

  it('accepts a token of the identity provider', async () => {
    expect((await get(await sign())).status).toBe(200);
  });

  it.each([
    ['expired', { exp: Math.floor(Date.now() / 1000) - 60 }],
    ['not yet valid', { nbf: Math.floor(Date.now() / 1000) + 600 }],
    ['of another issuer', { iss: 'https://evil.example/realms/hro' }],
    ['for another audience', { aud: 'other-app' }],
  ])('refuses a token %s with 401 problem+json', async (_label, options) => {
    const res = await get(await sign({}, options));
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('refuses a wrong signature, alg none, a self-issued development token and garbage', async () => {
    expect((await get(await sign({}, { key: otherKey }))).status).toBe(401);
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'x', tenant: 'HRO-JA', roles: ['admin'], iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 }),
    ).toString('base64url');
    expect((await get(`${header}.${payload}.`)).status).toBe(401);
    expect((await get(await t.token({ role: 'admin' }))).status).toBe(401);
    expect((await get('not-a-token')).status).toBe(401);
    expect((await t.http().get('/budgets')).status).toBe(401);
  });

  it('refuses a token without tenant or known role', async () => {
    expect((await get(await sign({ tenant: undefined }))).status).toBe(401);
    expect((await get(await sign({ roles: ['superuser'] }))).status).toBe(401);
  });
});

describe('production configuration', () => {
  it('refuses to start without the identity provider, so self-issued tokens cannot exist', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp/certs' })).toThrow(/AUTH_ISSUER/);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp/certs', AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE }).auth.mode).toBe('oidc');
  });
});

describe('isolation, actor records and rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '40' });
    await registerSozialraum(t, 'HRO-IS', 'Isolation', 'TR-E', ['TR-F']);
    await openBudget(t, 'HRO-IS', 2025, { FS: '1000.00', FUE: '1000.00', FU: '1000.00' });
  });
  afterAll(async () => t?.close());

  const other = async (role: 'controller' | 'admin', path: string) =>
    t
      .http()
      .get(path)
      .set('authorization', `Bearer ${await t.token({ role, tenant: 'OTHER-JA', sub: `${role}-other` })}`);

  it("answers 404 for another tenant's resources and shows it none of them", async () => {
    expect((await other('controller', '/budgets/HRO-IS/2025')).status).toBe(404);
    expect((await other('admin', '/providers/TR-E')).status).toBe(404);
    expect((await other('admin', '/sozialraeume/HRO-IS')).status).toBe(404);
    await t.settle();
    expect((await other('controller', '/budgets')).body.items).toEqual([]);
    expect((await other('admin', '/providers')).body.items).toEqual([]);
    // Writing into another tenant's Sozialraum is a 404 as well, and writes nothing.
    const before = await t.eventCount();
    const res = await t
      .http()
      .post('/budgets/HRO-IS/2025/amendments')
      .set('authorization', `Bearer ${await t.token({ role: 'controller', tenant: 'OTHER-JA' })}`)
      .send({ category: 'FU', amount: '1.00', reason: 'x', decisionReference: 'y' });
    expect(res.status).toBe(404);
    expect(await t.eventCount()).toBe(before);
  });

  it('takes the authentication scheme in any case (RFC 9110), and nothing but a bearer token', async () => {
    const token = await t.token({ role: 'controller' });
    for (const scheme of ['Bearer', 'bearer', 'BEARER'])
      expect((await t.http().get('/budgets/HRO-IS/2025').set('authorization', `${scheme} ${token}`)).status).toBe(200);
    for (const header of [`Basic ${token}`, `Bearer`, `Bearer${token}`, `Bearer ${token} extra`])
      expect((await t.http().get('/budgets/HRO-IS/2025').set('authorization', header)).status).toBe(401);
  });

  it("answers 404 when a provider user asks for another provider's data", async () => {
    expect((await as(t, 'provider', 'TR-F').get('/providers/TR-E/rate-agreements')).status).toBe(404);
    expect((await as(t, 'provider', 'TR-E').get('/providers/TR-E/rate-agreements')).status).toBe(200);
  });

  it('records actor, correlation and causation in every event and returns the request id', async () => {
    const token = await t.token({ role: 'controller', sub: 'c-0815' });
    const res = await t
      .http()
      .post('/budgets/HRO-IS/2025/freeze')
      .set('authorization', `Bearer ${token}`)
      .set('x-correlation-id', 'corr-2025-0815')
      .send({ categories: ['FU'], reason: 'Haushaltssperre', businessDate: '2025-07-01' });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toMatch(/.+/);
    const { rows } = await t.db.query(`select metadata from es_events where type = 'BudgetFreezeImposed'`);
    expect(rows[0].metadata).toMatchObject({
      tenantId: 'HRO-JA',
      actor: { userId: 'c-0815', role: 'controller', organisationId: 'HRO-JA' },
      correlationId: 'corr-2025-0815',
      businessDate: '2025-07-01',
    });
    expect(rows[0].metadata).toHaveProperty('causationId');
  });

  it('never lets a token that holds auditor write, whatever else it holds', async () => {
    const amendment = { category: 'FU', amount: '1200.00', reason: 'Nachtrag', decisionReference: 'BV 9', businessDate: '2025-03-01' };
    for (const roles of [
      ['auditor', 'controller'],
      ['controller', 'auditor'],
    ] as const) {
      const token = await t.token({ role: [...roles], sub: `mixed-${roles.join('-')}` });
      const before = await t.eventCount();
      const res = await t.http().post('/budgets/HRO-IS/2025/amendments').set('authorization', `Bearer ${token}`).send(amendment);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ type: '/problems/forbidden', status: 403, detail: expect.stringContaining('auditor') });
      expect(await t.eventCount()).toBe(before);
      // Reading is what an auditor may do.
      expect((await t.http().get('/budgets/HRO-IS/2025').set('authorization', `Bearer ${token}`)).status).toBe(200);
    }
    // Two Jugendamt roles without auditor act in the one the route allows.
    const both = await t.token({ role: ['caseworker', 'controller'], sub: 'mixed-cw-ctrl' });
    expect((await t.http().post('/budgets/HRO-IS/2025/amendments').set('authorization', `Bearer ${both}`).send(amendment)).status).toBe(200);
  });

  it('refuses a token that holds provider together with another role: its organisation is ambiguous', async () => {
    for (const role of [
      ['provider', 'controller'],
      ['admin', 'provider'],
      ['provider', 'auditor'],
    ] as const) {
      const token = await t.token({ role: [...role], provider: 'TR-E', sub: `mixed-${role.join('-')}` });
      for (const path of ['/budgets/HRO-IS/2025', '/providers/TR-E/rate-agreements']) {
        const res = await t.http().get(path).set('authorization', `Bearer ${token}`);
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ type: '/problems/forbidden', status: 403, detail: expect.stringContaining('nicht eindeutig') });
      }
      const before = await t.eventCount();
      const res = await t
        .http()
        .post('/budgets/HRO-IS/2025/activities')
        .set('authorization', `Bearer ${token}`)
        .send({ category: 'FU', activityDate: '2025-06-14', amount: '280.00', description: 'Stadtteilfest', businessDate: '2025-04-25' });
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(await t.eventCount()).toBe(before);
    }
  });

  it('limits requests per user with 429 problem+json', async () => {
    const token = await t.token({ role: 'auditor', sub: 'auditor-busy' });
    const answers = [];
    for (let i = 0; i < 45; i++) answers.push((await t.http().get('/budgets').set('authorization', `Bearer ${token}`)).status);
    expect(answers.filter((s) => s === 429).length).toBeGreaterThan(0);
    const res = await t.http().get('/budgets').set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Object.keys(res.headers).filter((name) => /^retry-after-/i.test(name))).toEqual([]);
    // Another user is not affected.
    await expectStatus(as(t, 'controller').get('/budgets'), 200);
  });
});

describe('rate limit before authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '20' });
  });
  afterAll(async () => t?.close());

  it('answers a flood of requests without a usable token from one address with 429 before any work; X-Forwarded-For cannot dodge it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      // TRUST_PROXY is off by default: a forged X-Forwarded-For does not make a new client.
      const res = await t.http().get('/budgets').set('authorization', 'Bearer not-a-token').set('x-forwarded-for', `203.0.113.${i}`);
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    const missing = await t.http().post('/budgets').send({});
    expect(missing.status).toBe(429);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body).toMatchObject({ type: '/problems/rate-limited', status: 429 });
    expect(Number(missing.headers['retry-after'])).toBeGreaterThan(0);
    // Public routes stay reachable.
    expect((await t.http().get('/health')).status).toBe(200);
  });

  it('never refuses a valid token because others from the same address failed, not even with forged tokens in its name', async () => {
    const valid = await t.token({ role: 'controller', sub: 'controller-behind-proxy' });
    // Someone at the same address (the Jugendamt's proxy) forges tokens with the colleague's subject.
    const [header, payload] = valid.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await t.http().get('/budgets').set('authorization', `Bearer ${forged}`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    // The real token is verified and served all the same, as is every other user's.
    expect((await t.http().get('/budgets').set('authorization', `Bearer ${valid}`)).status).toBe(200);
    expect(
      (
        await t
          .http()
          .get('/budgets')
          .set('authorization', `Bearer ${await t.token({ role: 'auditor', sub: 'auditor-behind-proxy' })}`)
      ).status,
    ).toBe(200);
  });
});
