import { negotiateLanguage } from './text';

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'de'],
    ['', 'de'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE,de;q=0.9,en;q=0.8', 'de'],
    ['en;q=0.5,de;q=0.8', 'de'],
    ['fr,en;q=0.5', 'en'],
    ['fr', 'de'],
    ['en;q=0', 'de'],
    ['*', 'de'],
    ['en, de', 'de'],
    [['en'], 'en'],
  ])('%j reads as %s', (header, language) => {
    expect(negotiateLanguage(header as string | undefined)).toBe(language);
  });
});
