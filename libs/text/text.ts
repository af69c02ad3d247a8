/** The languages a user may read the API in: German by default, English on request. */
export type Language = 'de' | 'en';

export const LANGUAGES: readonly Language[] = ['de', 'en'];

/** Something a user reads, in every language the API speaks. */
export interface Text {
  readonly de: string;
  readonly en: string;
}

export function text(de: string, en: string): Text {
  return { de, en };
}

export function inLanguage(value: Text, language: Language): string {
  return value[language];
}

/**
 * The language of an Accept-Language header (RFC 9110 §12.5.4): the supported language with the
 * highest weight; German where the header is missing, names none of them, or ranks them equal
 * (German is the language of the administration the API serves).
 */
export function negotiateLanguage(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { language: Language; weight: number } = { language: 'de', weight: 0 };
  let germanWeight = 0;
  for (const part of value.split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    if (!range) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (!Number.isFinite(weight) || weight <= 0) continue;
    const primary = range.split('-')[0];
    const language = LANGUAGES.find((l) => l === primary);
    if (language === 'de' || range === '*') germanWeight = Math.max(germanWeight, weight);
    if (language && weight > best.weight) best = { language, weight };
  }
  return best.language === 'en' && best.weight > germanWeight ? 'en' : 'de';
}
