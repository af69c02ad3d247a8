import { defineProblems } from '../../libs/ddd/problem-kind';

/** The refusals of the budgets (Budgetverträge, Sozialraumbudgets, Umschichtungen, Haushaltssperren). */
export const BUDGET_PROBLEMS = defineProblems({
  'budget-exists': { status: 409, de: 'Budget bereits zugewiesen', en: 'Budget exists' },
  'budget-empty': { status: 422, de: 'Leeres Budget', en: 'Empty budget' },
  'budget-already-open': { status: 422, de: 'Budget bereits freigegeben', en: 'Budget already open' },
  'no-change': { status: 422, de: 'Nichts zu ändern', en: 'Nothing to amend' },
  'amount-below-commitments': { status: 422, de: 'Nachtrag unter den gebundenen Mitteln', en: 'Amendment below commitments' },
  'reallocation-same-category': { status: 422, de: 'Gleiche Kategorie', en: 'Same category' },
  'reallocation-moves-committed-money': { status: 422, de: 'Gebundene Mittel können nicht umgeschichtet werden', en: 'Committed money cannot be moved' },
  'proposal-exists': { status: 409, de: 'Vorschlag bereits vorhanden', en: 'Proposal exists' },
  'proposal-not-open': { status: 404, de: 'Kein offener Umschichtungsvorschlag', en: 'No open reallocation proposal' },
  'answer-before-proposal': { status: 422, de: 'Antwort vor dem Vorschlag datiert', en: 'Answer dated before the proposal' },
  'agreement-by-other-party-required': { status: 422, de: 'Die andere Seite muss zustimmen', en: 'The other party must agree' },
  'rejection-by-other-party-required': { status: 422, de: 'Die andere Seite muss antworten', en: 'The other party must answer' },
  'withdrawal-by-proposer-required': { status: 422, de: 'Nur die vorschlagende Seite zieht zurück', en: 'Only the proposer withdraws' },
  'freeze-only-flexible': { status: 422, de: 'Nur flexible Mittel können gesperrt werden', en: 'Only flexible money can be frozen' },
  'already-frozen': { status: 422, de: 'Bereits gesperrt', en: 'Already frozen' },
  'not-frozen': { status: 422, de: 'Nicht gesperrt', en: 'Not frozen' },
  'contract-version-exists': { status: 422, de: 'Vertragsfassung bereits vorhanden', en: 'Contract version exists' },
});
