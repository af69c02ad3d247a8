import { defineProblems } from '../../libs/ddd/problem-kind';

/** The refusals of steering along Wirksamkeitsindikatoren (R12). */
export const WIRKUNG_PROBLEMS = defineProblems({
  'unknown-indicator': { status: 422, de: 'Unbekannter Indikator', en: 'Unknown indicator' },
  'indicator-exists': { status: 409, de: 'Indikator bereits im Katalog', en: 'Indicator already in the catalogue' },
  'indicator-not-incentivisable': { status: 422, de: 'Indikator darf nicht prämiert werden (R8)', en: 'Indicator must not be incentivised (R8)' },
  'indicator-not-reported': { status: 422, de: 'Indikator wird nicht gemeldet, sondern berechnet', en: 'Indicator is computed, not reported' },
  'indicator-listed-twice': { status: 422, de: 'Indikator doppelt genannt', en: 'Indicator listed twice' },
  'baseline-equals-target': { status: 422, de: 'Ausgangswert gleich Zielwert', en: 'Baseline equals target' },
  'target-not-an-improvement': { status: 422, de: 'Zielwert ist keine Verbesserung', en: 'Target is no improvement' },
  'reporter-not-allowed': { status: 403, de: 'Meldung durch diese Stelle nicht vorgesehen', en: 'This party does not report the indicator' },
  'not-in-traegerverbund': { status: 403, de: 'Träger nicht im Trägerverbund', en: 'Provider not in the Trägerverbund' },
  'period-outside-year': { status: 422, de: 'Zeitraum außerhalb des Haushaltsjahres', en: 'Period outside the fiscal year' },
  'value-already-reported': { status: 409, de: 'Wert für diesen Zeitraum bereits gemeldet', en: 'Value already reported for this period' },
  'report-not-found': { status: 404, de: 'Meldung nicht gefunden', en: 'Report not found' },
  'agreement-not-found': { status: 404, de: 'Zielvereinbarung nicht gefunden', en: 'Target agreement not found' },
  'agreement-not-open': { status: 409, de: 'Zielvereinbarung nicht mehr offen', en: 'Target agreement no longer open' },
  'proposal-open': { status: 409, de: 'Ein Vorschlag ist noch offen', en: 'A proposal is still open' },
  'agreement-by-other-party-required': { status: 403, de: 'Zustimmung durch die andere Seite erforderlich', en: 'The other party must agree' },
  'withdrawal-by-proposer-only': { status: 403, de: 'Nur die vorschlagende Seite zieht zurück', en: 'Only the proposer withdraws' },
  'statistics-invalid': { status: 422, de: 'Statistikdatei fehlerhaft', en: 'Statistics file invalid' },
});
