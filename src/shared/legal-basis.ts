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

/** R12: where a help is delivered (Setting); the indicators count case-months by it. */
export const SETTINGS = ['ambulant', 'teilstationaer', 'stationaer'] as const;
export type Setting = (typeof SETTINGS)[number];

export const SETTING_LABELS: Record<Setting, string> = { ambulant: 'ambulant', teilstationaer: 'teilstationär', stationaer: 'stationär' };

/**
 * R12: the setting a legal basis implies (§§ 28–31, 35 ambulant; § 32 teilstationär; §§ 33, 34
 * stationär). § 35a and § 41 are delivered in any setting and must state it: null. § 27 (flexible
 * help) reads as ambulant and § 42 (Inobhutnahme, a placement) as stationär where nothing is stated.
 */
export function defaultSetting(code: LegalBasis): Setting | null {
  switch (code) {
    case '27':
    case '28':
    case '29':
    case '30':
    case '31':
    case '35':
      return 'ambulant';
    case '32':
      return 'teilstationaer';
    case '33':
    case '34':
    case '42':
      return 'stationaer';
    case '35a':
    case '41':
      return null;
  }
}
