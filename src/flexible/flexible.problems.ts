import { defineProblems } from '../../libs/ddd/problem-kind';
import { SHARED_PROBLEMS } from '../shared/shared-problems';

/** The refusals of flexible money (Zuwendungen, fallunspezifische Aktivitäten, § 74 SGB VIII). */
export const FLEXIBLE_PROBLEMS = defineProblems({
  'subsidy-not-found': { status: 404, de: 'Zuwendung nicht gefunden', en: 'Subsidy not found' },
  'activity-not-found': { status: 404, de: 'Aktivität nicht gefunden', en: 'Activity not found' },
  'budget-frozen': { status: 422, de: 'Haushaltssperre', en: 'Budget frozen' },
  'budget-exhausted': { status: 422, de: 'Budget ausgeschöpft', en: 'Budget exhausted' },
  'bescheid-after-fiscal-year': { status: 422, de: 'Bescheid nach dem Haushaltsjahr', en: 'Bescheid after the fiscal year' },
  'instalment-outside-fiscal-year': { status: 422, de: 'Rate außerhalb des Haushaltsjahres', en: 'Instalment outside the fiscal year' },
  'instalment-before-bescheid': { status: 422, de: 'Rate vor dem Bescheid fällig', en: 'Instalment before the Bescheid' },
  'instalments-do-not-match-total': { status: 422, de: 'Raten ergeben nicht die Zuwendungssumme', en: 'Instalments do not match the total' },
  'subsidy-reclaimed': { status: 422, de: 'Zuwendung zurückgefordert', en: 'Subsidy reclaimed' },
  'instalment-not-found': { status: 422, de: 'Rate nicht vorhanden', en: 'No such instalment' },
  'instalment-already-paid': { status: 422, de: 'Rate bereits angeordnet', en: 'Instalment already paid' },
  'payment-before-bescheid': { status: 422, de: 'Zahlung vor dem Bescheid', en: 'Payment before the Bescheid' },
  'instalment-reported-twice': { status: 422, de: 'Rate doppelt nachgewiesen', en: 'Instalment reported twice' },
  'instalment-not-paid': { status: 422, de: 'Rate nicht ausgezahlt', en: 'Instalment not paid' },
  'usage-exceeds-instalment': { status: 422, de: 'Mehr verwendet als ausgezahlt', en: 'More spent than paid' },
  'usage-report-missing': { status: 422, de: 'Verwendungsnachweis fehlt', en: 'Usage report missing' },
  'nothing-to-reclaim': { status: 422, de: 'Nichts zurückzufordern', en: 'Nothing to reclaim' },
  'no-open-claim': { status: 422, de: 'Keine offene Rückforderung', en: 'No open claim' },
  'receipt-exceeds-claim': { status: 422, de: 'Eingang übersteigt die Rückforderung', en: 'Receipt exceeds the claim' },
  'receipt-before-claim': { status: 422, de: 'Eingang vor der Rückforderung', en: 'Receipt before the claim' },
  'receipt-outside-fiscal-year': { status: 422, de: 'Eingang außerhalb des Haushaltsjahres', en: 'Receipt outside the fiscal year' },
  'activity-outside-fiscal-year': { status: 422, de: 'Aktivität außerhalb des Haushaltsjahres', en: 'Activity outside the fiscal year' },
  'provider-not-in-traegerverbund': { status: 422, de: 'Träger nicht im Trägerverbund', en: 'Provider not in the Trägerverbund' },
  'activity-already-decided': { status: 422, de: 'Aktivität bereits entschieden', en: 'Activity already decided' },
  'approval-exceeds-request': { status: 422, de: 'Bewilligung übersteigt die Meldung', en: 'Approval exceeds the request' },
  'actual-already-reported': { status: 422, de: 'Ist-Betrag bereits gemeldet', en: 'Actual amount already reported' },
  'activity-not-approved': { status: 422, de: 'Aktivität nicht bewilligt', en: 'Activity not approved' },
  'activity-not-held-yet': { status: 422, de: 'Aktivität noch nicht durchgeführt', en: 'Activity not held yet' },
  'amount-negative': { status: 422, de: 'Betrag darf nicht negativ sein', en: 'Amount must not be negative' },
  'actual-exceeds-approval': { status: 422, de: 'Ist-Betrag übersteigt die Bewilligung', en: 'Actual amount exceeds the approval' },
});

/** Refusals of every command on an existing, open Sozialraum-year (assertBookable of the budgets). */
export const BOOKABLE = [SHARED_PROBLEMS['budget-not-found'], SHARED_PROBLEMS['fiscal-year-closed']];
