import { randomBytes, randomUUID } from 'node:crypto';
import { isSealed, openText, parseSealed, sealText } from './sealed-text';

describe('sealed text', () => {
  const key = randomBytes(32);
  const keyId = randomUUID();

  it('opens what it sealed, and seals the same text under the same key to the same string', () => {
    const sealed = sealText(key, keyId, 'HRO-JA', 'Abbruch durch die Familie – Umzug nach Schwerin');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('Familie');
    expect(openText(key, parseSealed(sealed)!, 'HRO-JA')).toBe('Abbruch durch die Familie – Umzug nach Schwerin');
    expect(sealText(key, keyId, 'HRO-JA', 'Abbruch durch die Familie – Umzug nach Schwerin')).toBe(sealed);
    expect(sealText(key, keyId, 'HRO-JA', 'Abbruch durch die Familie')).not.toBe(sealed);
  });

  it('opens nothing with another key, for another tenant, or once a byte changed', () => {
    const sealed = sealText(key, keyId, 'HRO-JA', 'Doppelte Abrechnung');
    const parts = parseSealed(sealed)!;
    expect(openText(randomBytes(32), parts, 'HRO-JA')).toBeNull();
    expect(openText(key, parts, 'HRO-XX')).toBeNull();
    expect(openText(key, { ...parts, keyId: randomUUID() }, 'HRO-JA')).toBeNull();
    const body = Buffer.from(parts.body);
    body[0] ^= 1;
    expect(openText(key, { ...parts, body }, 'HRO-JA')).toBeNull();
  });

  it('tells sealed text from plain text and from malformed sealed text', () => {
    expect(isSealed('Doppelte Abrechnung')).toBe(false);
    expect(parseSealed('sealed:v1:not-a-key:AAAA:BBBB')).toBeNull();
    expect(parseSealed(`sealed:v1:${keyId}:AAAAAAAAAAAAAAAA:short`)).toBeNull();
  });
});
