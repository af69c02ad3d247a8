import { defineProblems } from '../../libs/ddd/problem-kind';

/**
 * Refusals that more than one capability gives, for the same reason: one name, one status, one
 * title. A capability's own refusals are in its `<capability>.problems.ts`.
 */
export const SHARED_PROBLEMS = defineProblems({
  'sozialraum-not-found': { status: 404, de: 'Sozialraum nicht gefunden', en: 'Sozialraum not found' },
  'provider-not-found': { status: 404, de: 'Träger nicht gefunden', en: 'Provider not found' },
  'budget-not-found': { status: 404, de: 'Budget nicht gefunden', en: 'Budget not found' },
  'provider-not-registered': { status: 422, de: 'Träger nicht registriert', en: 'Provider not registered' },
  'not-lead-provider': { status: 403, de: 'Nicht der federführende Träger', en: 'Not the lead provider' },
  'invalid-period': { status: 422, de: 'Ungültiger Zeitraum', en: 'Invalid period' },
  'amount-not-positive': { status: 422, de: 'Betrag muss positiv sein', en: 'Amount must be positive' },
  'fiscal-year-closed': { status: 422, de: 'Haushaltsjahr abgeschlossen', en: 'Fiscal year closed' },
});
