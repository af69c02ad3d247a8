import { defineProblems } from '../../libs/ddd/problem-kind';

/** The refusals of the interface to the municipal Finanzverfahren. */
export const FINANZVERFAHREN_PROBLEMS = defineProblems({
  'configuration-incomplete': { status: 422, de: 'Zuordnung zum Finanzverfahren unvollständig', en: 'Finance configuration incomplete' },
  'configuration-missing': { status: 422, de: 'Keine Zuordnung zum Finanzverfahren', en: 'No finance configuration' },
  'nothing-to-export': { status: 422, de: 'Keine Anordnungen auszugeben', en: 'No payment orders to export' },
  'creditor-number-missing': { status: 422, de: 'Kreditorennummer fehlt', en: 'Creditor number missing' },
  'batch-not-found': { status: 404, de: 'Anordnungsdatei nicht gefunden', en: 'Payment batch not found' },
  'feedback-invalid': { status: 422, de: 'Rückmeldedatei fehlerhaft', en: 'Feedback file invalid' },
});
