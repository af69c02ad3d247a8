import type { IndicatorReport, IndicatorUnit, PerformanceEvaluation, TargetAgreementVersion, WirkungIndicator, WirkungMonitoring } from './api/types';
import { formatAmount, formatDate, formatDecimal, formatMonth, formatPercent, NBSP } from './format';

/**
 * The Wirkung section (R12) without React: indicator values formatted by their unit, the rows of
 * the indicator and report tables, the German names of states and parties, which answer the
 * signed-in side may give to a proposal, and the figures of the evaluation. Every value stays the
 * API's decimal string; only the chart turns one into a number, to place its point.
 */

/** The side of a target agreement: the Jugendamt (controlling) or the lead provider of the Trägerverbund. */
export type Party = 'jugendamt' | 'lead-provider';

export const UNIT_LABEL: Record<IndicatorUnit, string> = {
  percent: 'Prozent',
  count: 'Anzahl',
  euro: 'Euro',
  'per-1000': 'je 1.000 Einwohner unter 21',
  months: 'Monate',
};

/** A value of an indicator in German with its unit: "61,54 %", "40,27 €", "1,15 je 1.000", "7,25 Monate". */
export function formatIndicatorValue(value: string | null | undefined, unit: IndicatorUnit | string): string {
  if (value === null || value === undefined) return 'kein Wert';
  switch (unit) {
    case 'percent':
      return formatPercent(value);
    case 'euro':
      return formatAmount(value);
    case 'per-1000':
      return `${formatDecimal(value, 0)}${NBSP}je${NBSP}1.000`;
    case 'months':
      return `${formatDecimal(value, 0)}${NBSP}Monate`;
    default:
      // Counts are whole in the common case: "1.860", not "1.860,00"; a mean keeps its decimals.
      return formatDecimal(value.replace(/\.0+$/, ''), 0);
  }
}

/** The number of approvals a value rests on; "–" where the indicator counts none (reported, money). */
export function formatCaseCount(caseCount: number | null | undefined): string {
  return caseCount === null || caseCount === undefined ? '–' : String(caseCount);
}

/** "60,00 % → 70,00 % (Gewicht 40)". */
export function targetLine(target: { baseline: string; target: string; weight: string }, unit: IndicatorUnit | string): string {
  return `${formatIndicatorValue(target.baseline, unit)} → ${formatIndicatorValue(target.target, unit)} (Gewicht ${formatDecimal(target.weight, 0)})`;
}

export const OBSERVED_ONLY = 'nur beobachtet (R8)';

export const SOURCE_LABEL: Record<WirkungIndicator['source'], string> = {
  computed: 'berechnet',
  reported: 'gemeldet',
};

export const DIRECTION_LABEL: Record<WirkungIndicator['direction'], string> = {
  'higher-is-better': 'höher ist besser',
  'lower-is-better': 'niedriger ist besser',
};

export interface IndicatorRow {
  key: string;
  name: string;
  definition: string;
  value: string;
  caseCount: string;
  /** Baseline → target with weight where agreed, "nur beobachtet (R8)" for one that may not be weighted, else "–". */
  target: string;
  source: string;
  direction: string;
  weighted: boolean;
}

/** One row per indicator, in the API's order. */
export function indicatorRows(monitoring: Pick<WirkungMonitoring, 'indicators'>): IndicatorRow[] {
  return monitoring.indicators.map((indicator) => ({
    key: indicator.indicatorKey,
    name: indicator.name,
    definition: indicator.definition,
    value: formatIndicatorValue(indicator.year.value, indicator.unit),
    caseCount: formatCaseCount(indicator.year.caseCount),
    target: indicator.target ? targetLine(indicator.target, indicator.unit) : indicator.incentivisable ? '–' : OBSERVED_ONLY,
    source: SOURCE_LABEL[indicator.source],
    direction: DIRECTION_LABEL[indicator.direction],
    weighted: indicator.target !== null,
  }));
}

/** The indicators the agreement in force weights: those that get a chart with their target line. */
export function weightedIndicators(monitoring: Pick<WirkungMonitoring, 'indicators'>): WirkungIndicator[] {
  return monitoring.indicators.filter((indicator) => indicator.target !== null);
}

/**
 * The points of an indicator's chart: the value year to date at the end of each quarter (null
 * where there is none yet), as numbers only for placing them; the labels come from the strings.
 */
export function chartPoints(indicator: Pick<WirkungIndicator, 'quarters'>): { quarter: string; plot: number | null; value: string | null }[] {
  return indicator.quarters.map((q) => ({ quarter: q.quarter, plot: q.measured.value === null ? null : Number(q.measured.value), value: q.measured.value }));
}

/** "Q1" → "1. Quartal". */
export function quarterLabel(quarter: string): string {
  const match = /^Q([1-4])$/.exec(quarter);
  return match ? `${match[1]}. Quartal` : quarter;
}

/** "2025-Q1" → "1. Quartal 2025", "2025-03" → "März 2025". */
export function formatPeriod(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[2]}. Quartal ${quarter[1]}`;
  return formatMonth(period);
}

/** The periods a value may be reported for: the four quarters, then the twelve months of the year. */
export function periodOptions(fiscalYear: number): { value: string; label: string }[] {
  const quarters = [1, 2, 3, 4].map((q) => `${fiscalYear}-Q${q}`);
  const months = Array.from({ length: 12 }, (_, i) => `${fiscalYear}-${String(i + 1).padStart(2, '0')}`);
  return [...quarters, ...months].map((value) => ({ value, label: formatPeriod(value) }));
}

/**
 * A value as typed (German "410,5", "1.200" or "410.5") as the API's decimal string "410.5";
 * null when it is none (negative, more than two decimals, letters). By string manipulation only.
 */
export function normaliseReportValue(input: string): string | null {
  const text = input.trim().replace(/\s/g, '');
  if (!text) return null;
  let canonical: string;
  if (text.includes(',')) {
    // German: points group thousands, the comma separates the decimals.
    if (!/^\d{1,3}(\.\d{3})*(,\d+)?$/.test(text) && !/^\d+(,\d+)?$/.test(text)) return null;
    canonical = text.replace(/\./g, '').replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3})+$/.test(text)) {
    // "1.200": a thousands point (a decimal point has at most two digits after it).
    canonical = text.replace(/\./g, '');
  } else {
    canonical = text;
  }
  return /^\d+(\.\d{1,2})?$/.test(canonical) ? canonical : null;
}

export const AGREEMENT_STATUS_LABEL: Record<TargetAgreementVersion['status'], string> = {
  proposed: 'vorgeschlagen, Antwort steht aus',
  agreed: 'in Kraft (zugestimmt)',
  rejected: 'abgelehnt',
  withdrawn: 'zurückgezogen',
  superseded: 'ersetzt',
};

export const PARTY_LABEL: Record<Party, string> = {
  jugendamt: 'Jugendamt',
  'lead-provider': 'federführender Träger',
};

/** The side the signed-in roles speak for: the controlling for the Jugendamt, a provider user for its Träger. */
export function partyOf(roles: readonly string[]): Party | null {
  if (roles.includes('controller')) return 'jugendamt';
  if (roles.includes('provider')) return 'lead-provider';
  return null;
}

export type AgreementAction = 'agree' | 'reject' | 'withdraw';

export const ACTION_LABEL: Record<AgreementAction, string> = {
  agree: 'Zustimmen',
  reject: 'Ablehnen',
  withdraw: 'Zurückziehen',
};

export const ACTION_DONE: Record<AgreementAction, string> = {
  agree: 'zugestimmt; die Zielvereinbarung ist in Kraft',
  reject: 'abgelehnt',
  withdraw: 'zurückgezogen',
};

/** On an open proposal the other side may agree or reject, the proposing side withdraw; nothing else. */
export function agreementActions(version: Pick<TargetAgreementVersion, 'status' | 'proposedBy'>, party: Party | null): AgreementAction[] {
  if (version.status !== 'proposed' || party === null) return [];
  return version.proposedBy === party ? ['withdraw'] : ['agree', 'reject'];
}

/** "5 % des flexiblen Budgets" or "3.500,00 €"; with the minimum score. */
export function bonusRuleText(bonus: TargetAgreementVersion['bonus']): string {
  const pool = bonus.pool.kind === 'amount' ? formatAmount(bonus.pool.amount) : `${formatPercent(bonus.pool.percent)} des flexiblen Budgets`;
  return `Prämientopf ${pool}; Prämie ab einer Punktzahl von ${formatPercent(bonus.minimumScorePct)}`;
}

/** "Vorgeschlagen vom Jugendamt (HRO-JA) am 08.01.2025; zugestimmt vom federführenden Träger (TR-E) am 10.01.2025". */
export function agreementHistory(version: TargetAgreementVersion): string {
  const proposed = `Vorgeschlagen von ${version.proposedBy === 'jugendamt' ? 'dem Jugendamt' : 'dem federführenden Träger'} (${version.proposerOrganisationId}) am ${formatDate(version.proposedOn)}`;
  if (!version.answer) return proposed;
  const verb = version.status === 'agreed' || version.status === 'superseded' ? 'zugestimmt' : version.status === 'withdrawn' ? 'zurückgezogen' : 'abgelehnt';
  const by = version.answer.by === 'jugendamt' ? 'vom Jugendamt' : 'vom federführenden Träger';
  return `${proposed}; ${verb} ${by} (${version.answer.organisationId}) am ${formatDate(version.answer.on)}`;
}

export interface ReportRow {
  reportId: string;
  indicator: string;
  period: string;
  value: string;
  note: string;
  reporter: string;
  reportedOn: string;
  /** "berichtigt MW-2025-1: Nachmeldung", or "" for a first report. */
  correction: string;
  current: boolean;
}

/** The reported values in the order they were recorded, each with what it corrects and whether it holds. */
export function reportRows(reports: readonly IndicatorReport[], indicators: Pick<WirkungMonitoring, 'indicators'> | undefined): ReportRow[] {
  const byKey = new Map((indicators?.indicators ?? []).map((i) => [i.indicatorKey, i]));
  return reports.map((report) => {
    const indicator = byKey.get(report.indicatorKey);
    return {
      reportId: report.reportId,
      indicator: indicator?.name ?? report.indicatorKey,
      period: formatPeriod(report.period),
      value: formatIndicatorValue(report.value, indicator?.unit ?? 'count'),
      note: report.note,
      reporter: `${report.reporter === 'jugendamt' ? 'Jugendamt' : 'Träger'} ${report.organisationId}`,
      reportedOn: formatDate(report.reportedOn),
      correction: report.corrects ? `berichtigt ${report.corrects}${report.reason ? `: ${report.reason}` : ''}` : '',
      current: report.current,
    };
  });
}

/** The indicators the signed-in side may report: reported ones whose reportedBy names it. */
export function reportableIndicators<T extends { source: string; reportedBy?: readonly string[]; key: string }>(
  catalogue: readonly T[],
  roles: readonly string[],
): T[] {
  const reporters = [...(roles.includes('controller') ? ['jugendamt'] : []), ...(roles.includes('provider') ? ['provider'] : [])];
  return catalogue.filter((indicator) => indicator.source === 'reported' && (indicator.reportedBy ?? []).some((r) => reporters.includes(r)));
}

export interface EvaluationIndicatorRow {
  key: string;
  name: string;
  baseline: string;
  target: string;
  actual: string;
  weight: string;
  achievement: string;
  weighted: string;
}

/** Per weighted indicator: baseline, target, the rounded actual, weight, achievement and weight × achievement. */
export function evaluationRows(evaluation: PerformanceEvaluation): EvaluationIndicatorRow[] {
  return evaluation.indicators.map((i) => ({
    key: i.indicatorKey,
    name: i.name,
    baseline: formatIndicatorValue(i.baseline, i.unit),
    target: formatIndicatorValue(i.target, i.unit),
    actual: formatIndicatorValue(i.actualRounded, i.unit),
    weight: formatDecimal(i.weight, 0),
    achievement: formatPercent(i.achievementPct),
    weighted: formatDecimal(i.weighted, 0),
  }));
}

/** Every figure from score to next year's FU, in the order the evaluation derives them. */
export function evaluationFigures(evaluation: PerformanceEvaluation): [string, string][] {
  return [
    ['Summe der Gewichte', formatDecimal(evaluation.weightTotal, 0)],
    ['Punktzahl (gewichtetes Mittel der Zielerreichungen)', formatPercent(evaluation.scorePct)],
    ['Mindestpunktzahl für eine Prämie', formatPercent(evaluation.minimumScorePct)],
    ['Prämientopf', `${formatAmount(evaluation.pool)} (${evaluation.poolBasis})`],
    ['Prämie', formatAmount(evaluation.bonus)],
    ['davon aus dem Anteil, der an den Haushalt zurückginge', formatAmount(evaluation.bonusFromReturn)],
    ['davon Erhöhung des Folgejahresbudgets', formatAmount(evaluation.bonusIncrease)],
    [
      'An den kommunalen Haushalt zurück',
      evaluation.returnedToMunicipalBudget === null ? 'keine Unterschreitung' : formatAmount(evaluation.returnedToMunicipalBudget),
    ],
    ['Änderung des fallunspezifischen Budgets im Folgejahr', formatAmount(evaluation.nextYearFuChange)],
  ];
}
