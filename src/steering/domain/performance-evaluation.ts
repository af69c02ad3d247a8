/**
 * R12 Bewertung der Leistungen as the settlement records it: achievement per weighted indicator,
 * score, bonus, and how the bonus meets the settlement (with an under-run it comes out of the
 * share returning to the municipal budget, at most that share; the rest is an increase). Exact
 * intermediate figures are kept as decimal strings beside the rounded ones shown.
 */
export interface EvaluatedIndicator {
  indicatorKey: string;
  name: string;
  unit: string;
  direction: 'higher-is-better' | 'lower-is-better';
  baseline: string;
  target: string;
  weight: string;
  /** The year's measured value, exact (null when it could not be measured: counts as 0 % achieved). */
  actual: string | null;
  /** The measured value rounded to 2 decimals for display. */
  actualRounded: string | null;
  /** (actual − baseline) / (target − baseline), exact, before clamping. */
  achievementRaw: string | null;
  /** Clamped to 0…1, exact. */
  achievement: string;
  /** achievement in %, rounded to 2 decimals. */
  achievementPct: string;
  /** weight × achievement, exact. */
  weighted: string;
}

export interface PerformanceEvaluation {
  agreementId: string;
  agreementVersion: number;
  indicators: EvaluatedIndicator[];
  weightTotal: string;
  /** Weighted mean of the achievements, exact. */
  score: string;
  scorePct: string;
  minimumScorePct: string;
  poolBasis: string;
  pool: string;
  /** pool × score if score ≥ minimum, else 0.00; half-up to the cent. */
  bonus: string;
  /** Part of the bonus taken from the share returning to the municipal budget (under-run only). */
  bonusFromReturn: string;
  /** Part of the bonus that increases next year's budget beyond the settlement. */
  bonusIncrease: string;
  /** The settlement's return to the municipal budget after the bonus (null without an under-run). */
  returnedToMunicipalBudget: string | null;
  /** Change of next year's fallunspezifisch budget by settlement and bonus together. */
  nextYearFuChange: string;
}
