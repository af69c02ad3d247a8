import { createTestApp, TestApp } from '../../support/test-app';
import { MATRIX } from '../role-matrix/role-matrix.check';
import { AMOUNT, DATE, PreparedWrite, leaves, prepareWrites, refusalMismatch, send, withLeaf, wrongType, writeRoutes } from '../support/bad-input-mutations';

/**
 * The fields of the API where null has a meaning of its own (declared nullable in the DTOs and the
 * OpenAPI document): the body deciding every amount above the others, an open-ended extension.
 */
const NULLABLE = /(^|\.)(upTo|newEnd)$/;

/**
 * Generated over every write endpoint of the role matrix: each field of the endpoint's example body
 * (nested ones too) gets a value of the wrong JSON type and null (unless null has a meaning there);
 * every string field a NUL character and an unpaired surrogate (PostgreSQL stores neither); every
 * amount-looking field ("123.45") a negative, a negative zero and an over-precise amount; every date
 * field an impossible date. Each answer is 400 validation-failed naming the field, and nothing is
 * written.
 */
describe('bad input on every write endpoint: wrong types, negative and over-precise amounts, impossible dates', () => {
  const routes = writeRoutes(MATRIX);
  let t: TestApp;
  let writes: Map<string, PreparedWrite>;
  beforeAll(async () => {
    t = await createTestApp();
    writes = await prepareWrites(t, routes);
  }, 120_000);
  afterAll(async () => t?.close());

  it('finds fields to mutate: amounts and dates among them', () => {
    const all = [...writes.values()].flatMap((w) => leaves(w.call.body ?? {}));
    expect(all.filter((l) => typeof l.value === 'string' && AMOUNT.test(l.value)).length).toBeGreaterThan(10);
    expect(all.filter((l) => typeof l.value === 'string' && DATE.test(l.value)).length).toBeGreaterThan(30);
  });

  it.each(routes.map(([key]) => [key]))('%s', async (key) => {
    const write = writes.get(key)!;
    const body = write.call.body ?? {};
    await t.settle();
    const before = await t.eventCount();
    const wrong: string[] = [];
    const expectInvalid = async (label: string, path: string, value: unknown) => {
      wrong.push(
        ...refusalMismatch(
          `${label} (${path}: ${JSON.stringify(value)})`,
          await send(t, write, withLeaf(body, path, value)),
          400,
          '/problems/validation-failed',
          path,
        ),
      );
    };
    for (const { path, value } of leaves(body)) {
      await expectInvalid('wrong type', path, wrongType(value));
      if (!NULLABLE.test(path)) await expectInvalid('null', path, null);
      if (typeof value === 'string') {
        await expectInvalid('NUL character', path, `${value}\u0000`);
        await expectInvalid('unpaired surrogate', path, `${value}\ud800`);
      }
      if (typeof value === 'string' && AMOUNT.test(value)) {
        await expectInvalid('negative amount', path, '-1.00');
        await expectInvalid('negative zero', path, '-0.00');
        await expectInvalid('over-precise amount', path, '1.001');
      }
      if (typeof value === 'string' && DATE.test(value)) await expectInvalid('impossible date', path, '2025-02-30');
    }
    expect(wrong).toEqual([]);
    expect(await t.eventCount()).toBe(before);
  });
});
