import { createTestApp, TestApp } from '../../support/test-app';
import { MATRIX } from './role-matrix.check';

/** Every route the API serves has a row in the role matrix, and every row names a real route. */
describe('role matrix covers the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('lists exactly the routes of the OpenAPI document (public ones aside)', async () => {
    const doc = (await t.http().get('/docs-json')).body;
    const routes: string[] = [];
    for (const [path, operations] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(operations)) routes.push(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`);
    }
    const publicRoutes = ['GET /health', 'GET /health/live', 'GET /health/ready', 'GET /sign-in'];
    expect(routes.filter((r) => !publicRoutes.includes(r) && !MATRIX.has(r)).sort()).toEqual([]);
    expect([...MATRIX.keys()].filter((k) => !routes.includes(k)).sort()).toEqual([]);
  });
});
