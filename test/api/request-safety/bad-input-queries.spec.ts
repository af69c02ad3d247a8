import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { Role } from '../../../libs/auth/principal';
import { createTestApp, TestApp } from '../../support/test-app';
import { MATRIX } from '../role-matrix/role-matrix.check';
import { createExampleApi, endpointExamples } from '../support/all-examples';
import { refusalMismatch } from '../support/bad-input-mutations';

/** Every read route of the matrix with its first allowed role. */
const readRoutes = [...MATRIX.entries()].filter(([key]) => key.startsWith('GET ')).map(([key, roles]) => [key, [...roles][0]] as [string, Role]);

/**
 * Generated over every read endpoint of the role matrix: each query parameter of the endpoint's
 * example with a NUL character (PostgreSQL cannot compare or store it), and each path parameter
 * likewise. Each answer is 400 validation-failed naming the parameter. Then the errors the router
 * and the HTTP parser raise before any route runs: all problem+json too.
 */
describe('bad input in query and path parameters, and before routing', () => {
  let t: TestApp;
  const calls = new Map<string, { path: string; token: string }>();
  beforeAll(async () => {
    t = await createTestApp();
    const api = createExampleApi(t);
    for (const [key, role] of readRoutes) {
      const call = await endpointExamples.get(key)!(api, role);
      calls.set(key, {
        path: call.path,
        token: await t.token({ role, provider: role === 'provider' ? (call.provider ?? 'TR-E') : undefined, sub: `${role}-queries` }),
      });
    }
    await t.settle();
  }, 120_000);
  afterAll(async () => t?.close());

  const get = (path: string, token: string) => t.http().get(path).set('authorization', `Bearer ${token}`);

  it('covers every read route of the matrix, query parameters among them', () => {
    expect(calls.size).toBe(readRoutes.length);
    expect([...calls.values()].filter((c) => c.path.includes('?')).length).toBeGreaterThan(10);
  });

  it.each(readRoutes.map(([key]) => [key]))('%s', async (key) => {
    const { path, token } = calls.get(key)!;
    const [route, query = ''] = path.split('?');
    const template = key.split(' ')[1].split('/');
    const wrong: string[] = [];
    const params = new URLSearchParams(query);
    for (const name of new Set(params.keys())) {
      const mutated = new URLSearchParams(params);
      mutated.set(name, `${params.get(name)}\u0000`);
      wrong.push(...refusalMismatch(`query ${name}`, await get(`${route}?${mutated}`, token), 400, '/problems/validation-failed', name));
    }
    const segments = route.split('/');
    for (let i = 0; i < template.length; i++) {
      if (!template[i].startsWith(':')) continue;
      const mutated = [...segments];
      mutated[i] = `${segments[i]}%00`;
      const res = await get(`${mutated.join('/')}${query ? `?${query}` : ''}`, token);
      wrong.push(
        ...refusalMismatch(
          `path ${template[i]}`,
          res,
          400,
          res.body?.type === '/problems/validation-failed' ? '/problems/validation-failed' : '/problems/bad-request',
        ),
      );
    }
    expect(wrong).toEqual([]);
  });

  it('answers GET /providers?nameContains=%00 with 400 naming the parameter', async () => {
    const token = await t.token({ role: 'admin' });
    expect(refusalMismatch('nameContains', await get('/providers?nameContains=%00', token), 400, '/problems/validation-failed', 'nameContains')).toEqual([]);
  });

  it('answers malformed percent-encoding and an over-long path parameter as problem+json', async () => {
    const token = await t.token({ role: 'controller' });
    expect(refusalMismatch('bad url', await get('/budgets/HRO-%E0%A4%A/2025', token), 400, '/problems/bad-url')).toEqual([]);
    expect(refusalMismatch('long parameter', await get(`/budgets/${'A'.repeat(5000)}/2025`, token), 414, '/problems/uri-too-long')).toEqual([]);
  });

  it('answers headers larger than the HTTP parser takes with 431 problem+json', async () => {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; type: string; body: any }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/budgets', headers: { 'x-padding': 'x'.repeat(64 * 1024) } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer).toEqual({
      status: 431,
      type: 'application/problem+json',
      body: expect.objectContaining({ type: '/problems/headers-too-large', status: 431, title: expect.any(String), detail: expect.any(String) }),
    });
  });
});
