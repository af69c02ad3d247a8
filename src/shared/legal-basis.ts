/**
 * Legal bases of individual help (SGB VIII) the product knows, with their kind. Whether a basis is
 * inside a Sozialraumbudget is decided by the budget contract (R1), not here.
 */
export const LEGAL_BASES = {
  '27': 'Hilfe zur Erziehung (allgemein)',
  '28': 'Erziehungsberatung',
  '29': 'Soziale Gruppenarbeit',
  '30': 'Erziehungsbeistand, Betreuungshelfer',
  '31': 'Sozialpädagogische Familienhilfe (SPFH)',
  '32': 'Erziehung in einer Tagesgruppe',
  '33': 'Vollzeitpflege',
  '34': 'Heimerziehung, sonstige betreute Wohnform',
  '35': 'Intensive sozialpädagogische Einzelbetreuung',
  '35a': 'Eingliederungshilfe für seelisch behinderte Kinder und Jugendliche',
  '41': 'Hilfe für junge Volljährige',
  '42': 'Inobhutnahme',
} as const;

export type LegalBasis = keyof typeof LEGAL_BASES;
export const LEGAL_BASIS_CODES = Object.keys(LEGAL_BASES) as LegalBasis[];

export function legalBasisLabel(code: LegalBasis): string {
  return `§ ${code} SGB VIII ${LEGAL_BASES[code]}`;
}

/** How an approval's amount is expressed (Entgelt): Monatspauschale, Fachleistungsstunden, Tagessatz. */
export const RATE_TYPES = ['monthly', 'hourly', 'daily'] as const;
export type RateType = (typeof RATE_TYPES)[number];
