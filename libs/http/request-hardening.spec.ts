import { bodyIssues, hasUnstorableCharacter, parameterIssues } from './request-hardening';

describe('request hardening', () => {
  it('finds NUL characters and unpaired surrogates, but not paired ones', () => {
    expect(hasUnstorableCharacter('Toitenwinkel')).toBe(false);
    expect(hasUnstorableCharacter('Kita 😀')).toBe(false);
    expect(hasUnstorableCharacter('a\u0000b')).toBe(true);
    expect(hasUnstorableCharacter('a\ud800')).toBe(true);
    expect(hasUnstorableCharacter('\udc00a')).toBe(true);
  });

  it('names every unstorable string and forbidden key of a body with its path', () => {
    const body = JSON.parse('{"reason":"x\\u0000","terms":{"limits":[{"body":"\\ud800"}]},"__proto__":{"admin":true},"ok":"ja"}');
    expect(
      bodyIssues(body)
        .map((i) => i.field)
        .sort(),
    ).toEqual(['__proto__', 'reason', 'terms.limits[0].body']);
  });

  it('names query and path parameters with NUL characters', () => {
    expect(parameterIssues({ nameContains: '\u0000', limit: '5' }, { caseRef: 'TW-25-001' })).toEqual([
      {
        field: 'nameContains',
        message: {
          de: '(Abfrageparameter) enthält ein NUL-Zeichen oder ein einzelnes Surrogat.',
          en: '(query parameter) contains a NUL character or an unpaired surrogate.',
        },
      },
    ]);
    expect(parameterIssues({ type: ['a', 'b\u0000'] }, {})).toHaveLength(1);
  });
});
