import { canonicalJson } from './canonical-json';

/** The definition, written plainly: what the faster loops must keep producing, byte for byte. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

/** Deterministic pseudo-random JSON values: keys with umlauts, escapes, astral characters, numbers of every kind. */
function* values(seed: number, count: number): Generator<unknown> {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const keys = ['a', 'B', 'b', 'ä', 'z', 'Z1', '10', '9', '', 'key with space', 'Straße', '\u{1F600}', 'é', 'quote"', 'amount'];
  const scalar = () =>
    [null, true, false, 0, -0, 1.5, -12.25, 1e21, 2 ** 53, 'Träger', 'line\nbreak', '"quoted"', '\u{1F600}', '1250.50'][Math.floor(next() * 14)];
  const build = (depth: number): unknown => {
    const kind = depth > 3 ? 0 : Math.floor(next() * 3);
    if (kind === 0) return scalar();
    if (kind === 1) return Array.from({ length: Math.floor(next() * 4) }, () => build(depth + 1));
    const object: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 5); i > 0; i--) object[keys[Math.floor(next() * keys.length)]] = next() < 0.1 ? undefined : build(depth + 1);
    return object;
  };
  for (let i = 0; i < count; i++) yield build(0);
}

describe('canonical JSON', () => {
  it('sorts keys by UTF-16 code units and leaves out undefined values, byte for byte as its definition', () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: 'x', c: undefined }], ä: 2, Z: 3 })).toBe('{"Z":3,"a":[true,null,{"d":"x"}],"b":1,"ä":2}');
    for (const value of values(20251231, 2000)) expect(canonicalJson(value)).toBe(reference(value));
  });
});
