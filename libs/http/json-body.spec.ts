import { ProblemException, ValidationProblem, renderProblem } from './problem';
import { MAX_BODY_DEPTH, parseJsonBody } from './json-body';

const refusal = (text: string) => {
  try {
    parseJsonBody(text);
  } catch (error) {
    return renderProblem((error as ProblemException).problem, 'en');
  }
  throw new Error('accepted');
};

describe('parseJsonBody', () => {
  it('reads ordinary bodies, escaped keys and strings with braces', () => {
    expect(parseJsonBody('{"a":{"b":[1,{"c":"}{]["}]},"d\\u0061":true}')).toEqual({ a: { b: [1, { c: '}{][' }] }, da: true });
    expect(parseJsonBody('{"a":[{"x":1},{"x":2}],"b":{"x":3}}')).toEqual({ a: [{ x: 1 }, { x: 2 }], b: { x: 3 } });
  });

  it('refuses a key that appears twice in one object, naming it, also when spelled with an escape', () => {
    expect(refusal('{"reason":"a","amount":"1.00","reason":"b"}')).toMatchObject({
      type: '/problems/validation-failed',
      errors: [{ field: 'reason', message: 'appears twice in the same object.' }],
    });
    expect(refusal('{"terms":{"limits":[{"body":"x"},{"body":"y","b\\u006fdy":"z"}]}}').errors).toEqual([
      { field: 'terms.limits[1].body', message: 'appears twice in the same object.' },
    ]);
  });

  it('allows the same key in sibling objects', () => {
    expect(parseJsonBody('[{"a":1},{"a":2}]')).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it(`refuses nesting deeper than ${MAX_BODY_DEPTH} levels before anything walks it, also 10,000 levels`, () => {
    const deep = (n: number) => `{"x":${'['.repeat(n)}${']'.repeat(n)}}`;
    expect(() => parseJsonBody(deep(MAX_BODY_DEPTH - 1))).not.toThrow();
    const problem = refusal(deep(MAX_BODY_DEPTH));
    expect(problem.type).toBe('/problems/validation-failed');
    expect(problem.errors?.[0].field).toBe('x');
    expect(refusal('['.repeat(100) + ']'.repeat(100)).errors?.[0].field).toBe('(body)');
    expect(refusal(deep(10_000)).errors?.[0].message).toBe(`nests deeper than ${MAX_BODY_DEPTH} levels.`);
  });

  it('answers malformed and empty bodies as malformed JSON', () => {
    expect(refusal('{"a":').type).toBe('/problems/malformed-json');
    expect(refusal('  ').type).toBe('/problems/malformed-json');
    expect(() => parseJsonBody('{"a":')).not.toThrow(ValidationProblem);
  });
});
