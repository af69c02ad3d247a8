import { createTestApp, TestApp } from '../../support/test-app';
import { MATRIX } from '../role-matrix/role-matrix.check';
import { PreparedWrite, prepareWrites, refusalMismatch, send, writeRoutes } from '../support/bad-input-mutations';

/**
 * Generated over every write endpoint of the role matrix, each with its registered example body
 * and first allowed role: malformed JSON, another content type, an oversize body, an unknown field
 * a `constructor` key in an otherwise valid body, a body nested 10,000 levels deep and a key that
 * appears twice. Each answer is the right problem+json and nothing is written. (Field-level mutations: bad-input-fields.spec.ts.)
 */
/** The body with its first key written twice (JSON.parse alone would keep the second silently). */
function duplicateKey(body: Record<string, unknown>): string {
  const [first] = Object.keys(body);
  if (first === undefined) return '{"doppelt":1,"doppelt":2}';
  return `{${JSON.stringify(first)}:${JSON.stringify(body[first])},${JSON.stringify(body).slice(1)}`;
}

describe('bad input on every write endpoint: body, media type, size, unknown and forbidden keys', () => {
  const routes = writeRoutes(MATRIX);
  let t: TestApp;
  let writes: Map<string, PreparedWrite>;
  beforeAll(async () => {
    // The production default limit (256 KiB).
    t = await createTestApp();
    writes = await prepareWrites(t, routes);
  }, 120_000);
  afterAll(async () => t?.close());

  it('covers every write route of the matrix', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect([...writes.keys()]).toEqual(routes.map(([key]) => key));
  });

  it.each(routes.map(([key]) => [key]))('%s', async (key) => {
    const write = writes.get(key)!;
    const body = write.call.body ?? {};
    const before = await t.eventCount();
    const wrong = [
      ...refusalMismatch('malformed JSON', await send(t, write, '{"reason": "Nachtrag",'), 400, '/problems/malformed-json'),
      ...refusalMismatch('text/plain', await send(t, write, JSON.stringify(body), 'text/plain'), 415, '/problems/unsupported-media-type'),
      ...refusalMismatch('form data', await send(t, write, 'reason=x', 'application/x-www-form-urlencoded'), 415, '/problems/unsupported-media-type'),
      ...refusalMismatch('body over 256 KiB', await send(t, write, { ...body, padding: 'x'.repeat(256 * 1024 + 1) }), 413, '/problems/payload-too-large'),
      ...refusalMismatch('unknown field', await send(t, write, { ...body, vorname: 'Max' }), 400, '/problems/validation-failed', 'vorname'),
      ...refusalMismatch(
        'constructor key',
        await send(t, write, `${JSON.stringify(body).slice(0, -1)}${Object.keys(body).length ? ',' : ''}"constructor":"x"}`),
        400,
        '/problems/validation-failed',
        'constructor',
      ),
      ...refusalMismatch(
        '__proto__ key',
        await send(t, write, `{"__proto__":{"admin":true}${Object.keys(body).length ? ',' : ''}${JSON.stringify(body).slice(1)}`),
        400,
        '/problems/validation-failed',
        '__proto__',
      ),
      ...refusalMismatch(
        'nested 10,000 levels',
        await send(t, write, `{"tief":${'['.repeat(10_000)}${']'.repeat(10_000)}${Object.keys(body).length ? ',' : ''}${JSON.stringify(body).slice(1)}`),
        400,
        '/problems/validation-failed',
        'tief',
      ),
      ...refusalMismatch('duplicate key', await send(t, write, duplicateKey(body)), 400, '/problems/validation-failed', Object.keys(body)[0] ?? 'doppelt'),
    ];
    expect(wrong).toEqual([]);
    expect(await t.eventCount()).toBe(before);
  });
});
