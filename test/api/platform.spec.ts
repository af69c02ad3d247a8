import { createTestApp, TestApp } from '../support/test-app';

describe('API platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('reports liveness and database readiness', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', live: true, database: 'up' });
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('serves OpenAPI at /docs-json and the UI at /docs', async () => {
    const json = await t.http().get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(json.body.paths['/health']).toBeDefined();
    const ui = await t.http().get('/docs').redirects(1);
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers unknown routes and missing tokens with problem+json', async () => {
    const missing = await t.http().get('/nope').expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ type: '/problems/not-found', status: 404 });
    const unauth = await t.http().get('/ops/projections').expect(401);
    expect(unauth.body).toMatchObject({ type: '/problems/unauthenticated', status: 401 });
  });

  it('lets a controller see the projection consumers', async () => {
    const token = await t.token({ role: 'controller' });
    const res = await t.http().get('/ops/projections').set('authorization', `Bearer ${token}`).expect(200);
    expect(Array.isArray(res.body)).toBe(true);
  });

  it('echoes a caller-supplied request id', async () => {
    const res = await t.http().get('/health').set('x-request-id', 'abc-123').expect(200);
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('sets standard security headers', async () => {
    const res = await t.http().get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });
});
