import { defineProblems } from '../../libs/ddd/problem-kind';

/** The refusals of steering: month and year close, overrun procedure (R7, R9), settlement (R10). */
export const STEERING_PROBLEMS = defineProblems({
  'month-outside-year': { status: 422, de: 'Monat außerhalb des Haushaltsjahres', en: 'Month outside the fiscal year' },
  'month-already-closed': { status: 409, de: 'Monat bereits abgeschlossen', en: 'Month already closed' },
  'month-not-ended': { status: 422, de: 'Monat noch nicht beendet', en: 'Month not ended' },
  'month-not-closed': { status: 404, de: 'Monat nicht abgeschlossen', en: 'Month not closed' },
  'no-overrun-procedure': { status: 404, de: 'Kein Überschreitungsverfahren', en: 'No overrun procedure' },
  'procedure-closed': { status: 422, de: 'Verfahren abgeschlossen', en: 'Procedure closed' },
  'meeting-before-procedure': { status: 422, de: 'Steuerungsrunde vor Eröffnung des Verfahrens', en: 'Meeting before the procedure' },
  'meeting-needs-both-parties': { status: 422, de: 'Beide Seiten müssen teilnehmen', en: 'Both parties must take part' },
  'meeting-missing': { status: 422, de: 'Steuerungsrunde fehlt', en: 'Steering meeting missing' },
  'request-not-found': { status: 404, de: 'Antrag nicht gefunden', en: 'Request not found' },
  'request-decided': { status: 422, de: 'Bereits entschieden', en: 'Already decided' },
  'wrong-deciding-body': { status: 422, de: 'Nicht das zuständige Organ', en: 'Wrong deciding body' },
  'requests-undecided': { status: 422, de: 'Anträge nicht entschieden', en: 'Requests undecided' },
  'report-before-procedure': { status: 422, de: 'Bericht vor Eröffnung des Verfahrens', en: 'Report before the procedure' },
  'year-not-closed': { status: 422, de: 'Haushaltsjahr nicht abgeschlossen', en: 'Fiscal year not closed' },
  'year-has-pending-work': { status: 422, de: 'Offene Arbeiten im Haushaltsjahr', en: 'Work of the year is pending' },
  'settlement-exists': { status: 409, de: 'Jahresabrechnung bereits berechnet', en: 'Settlement exists' },
  'settlement-not-found': { status: 404, de: 'Jahresabrechnung nicht gefunden', en: 'Settlement not found' },
  'already-confirmed': { status: 422, de: 'Bereits bestätigt', en: 'Already confirmed' },
  'confirmation-by-other-organisation-required': {
    status: 422,
    de: 'Die andere Organisation muss bestätigen',
    en: 'The other organisation must confirm',
  },
  'settlement-not-confirmed': { status: 422, de: 'Jahresabrechnung nicht bestätigt', en: 'Settlement not confirmed' },
  'settlement-applied': { status: 409, de: 'Jahresabrechnung bereits angewendet', en: 'Settlement applied' },
  'read-mark-beyond-notifications': {
    status: 422,
    de: 'Lesemarke hinter der neuesten Meldung',
    en: 'Read mark beyond the newest notification',
  },
  'subscription-target-invalid': { status: 422, de: 'Empfänger des Abonnements ungültig', en: 'Subscription target invalid' },
  'subscription-types-not-for-role': { status: 422, de: 'Meldungsart nicht für diese Rolle', en: 'Notification type not for this role' },
  'next-year-budget-missing': { status: 422, de: 'Budget des Folgejahres fehlt', en: 'Next year budget missing' },
});
