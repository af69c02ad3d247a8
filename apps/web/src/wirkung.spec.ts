/// <reference types="jest" />
import type { IndicatorReport, PerformanceEvaluation, TargetAgreementVersion, WirkungIndicator } from './api/types';
import {
  agreementActions,
  agreementHistory,
  bonusRuleText,
  chartPoints,
  evaluationFigures,
  evaluationRows,
  formatCaseCount,
  formatIndicatorValue,
  formatPeriod,
  indicatorRows,
  normaliseReportValue,
  OBSERVED_ONLY,
  partyOf,
  periodOptions,
  reportableIndicators,
  reportRows,
  targetLine,
  weightedIndicators,
} from './wirkung';

const NBSP = '\u00a0';

function indicator(overrides: Partial<WirkungIndicator>): WirkungIndicator {
  return {
    indicatorKey: 'ambulant-anteil',
    name: 'Ambulant-Anteil',
    definition: 'Fallmonate ambulant in % aller Fallmonate',
    unit: 'percent',
    direction: 'higher-is-better',
    source: 'computed',
    incentivisable: true,
    year: { value: '61.54', exact: '61.5384615385', numerator: '24', denominator: '39', caseCount: 5 },
    quarters: [
      { quarter: 'Q1', periodEnd: '2025-03-31', measured: { value: '58.33', exact: null, numerator: '7', denominator: '12', caseCount: 4 } },
      { quarter: 'Q2', periodEnd: '2025-06-30', measured: { value: null, exact: null, numerator: '0', denominator: null, caseCount: null } },
    ],
    target: { baseline: '50.00', target: '65.00', weight: '30', agreementId: 'ZV-HRO-TW-2025-1' },
    ...overrides,
  };
}

const version: TargetAgreementVersion = {
  agreementId: 'ZV-HRO-TW-2025-1',
  answer: null,
  bonus: { minimumScorePct: '50', pool: { kind: 'percent-of-flexible-budget', percent: '5' } },
  fiscalYear: 2025,
  indicators: [{ indicatorKey: 'ambulant-anteil', baseline: '50.00', target: '65.00', weight: '30' }],
  proposedBy: 'jugendamt',
  proposedOn: '2025-01-08',
  proposerOrganisationId: 'HRO-JA',
  reason: 'Zielvereinbarung 2025',
  sozialraumId: 'HRO-TW',
  status: 'proposed',
  version: 1,
};

describe('formatIndicatorValue', () => {
  it('formats the decimal string by the unit, in German', () => {
    expect(formatIndicatorValue('61.54', 'percent')).toBe(`61,54${NBSP}%`);
    expect(formatIndicatorValue('3073.94', 'euro')).toBe(`3.073,94${NBSP}€`);
    expect(formatIndicatorValue('1860.00', 'count')).toBe('1.860');
    expect(formatIndicatorValue('465.50', 'count')).toBe('465,50');
    expect(formatIndicatorValue('410', 'count')).toBe('410');
    expect(formatIndicatorValue('1.15', 'per-1000')).toBe(`1,15${NBSP}je${NBSP}1.000`);
    expect(formatIndicatorValue('7.25', 'months')).toBe(`7,25${NBSP}Monate`);
  });

  it('says so when there is no value yet', () => {
    expect(formatIndicatorValue(null, 'percent')).toBe('kein Wert');
    expect(formatCaseCount(null)).toBe('–');
    expect(formatCaseCount(4)).toBe('4');
  });

  it('keeps every decimal the API sent (no binary rounding)', () => {
    expect(formatIndicatorValue('0.1000000001', 'percent')).toBe(`0,1000000001${NBSP}%`);
  });
});

describe('indicatorRows', () => {
  it('shows the target line with weight where agreed, "nur beobachtet (R8)" for one that may not be weighted', () => {
    const rows = indicatorRows({
      indicators: [
        indicator({}),
        indicator({ indicatorKey: 'hze-dichte', name: 'HzE-Dichte', unit: 'per-1000', incentivisable: false, target: null }),
        indicator({ indicatorKey: 'praeventionsanteil', target: null }),
      ],
    });
    expect(rows.map((r) => [r.key, r.value, r.caseCount, r.target])).toEqual([
      ['ambulant-anteil', `61,54${NBSP}%`, '5', `50,00${NBSP}% → 65,00${NBSP}% (Gewicht 30)`],
      ['hze-dichte', `61,54${NBSP}je${NBSP}1.000`, '5', OBSERVED_ONLY],
      ['praeventionsanteil', `61,54${NBSP}%`, '5', '–'],
    ]);
    expect(rows[0]?.definition).toBe('Fallmonate ambulant in % aller Fallmonate');
    expect(weightedIndicators({ indicators: [indicator({}), indicator({ target: null })] })).toHaveLength(1);
  });

  it('gives the chart one point per quarter, none where there is no value', () => {
    expect(chartPoints(indicator({}))).toEqual([
      { quarter: 'Q1', plot: 58.33, value: '58.33' },
      { quarter: 'Q2', plot: null, value: null },
    ]);
    expect(targetLine({ baseline: '1200', target: '2000', weight: '30' }, 'count')).toBe('1.200 → 2.000 (Gewicht 30)');
  });
});

describe('periods and values of a report', () => {
  it('names quarters and months in German and offers both', () => {
    expect(formatPeriod('2025-Q1')).toBe('1. Quartal 2025');
    expect(formatPeriod('2025-03')).toBe('März 2025');
    const options = periodOptions(2025);
    expect(options).toHaveLength(16);
    expect(options[0]).toEqual({ value: '2025-Q1', label: '1. Quartal 2025' });
    expect(options[4]).toEqual({ value: '2025-01', label: 'Januar 2025' });
  });

  it('reads a German or a plain decimal, at most two decimals, never negative', () => {
    expect(normaliseReportValue('410')).toBe('410');
    expect(normaliseReportValue('410,5')).toBe('410.5');
    expect(normaliseReportValue('1.200')).toBe('1200');
    expect(normaliseReportValue('1.200,25')).toBe('1200.25');
    expect(normaliseReportValue('12.5')).toBe('12.5');
    expect(normaliseReportValue('12,345')).toBeNull();
    expect(normaliseReportValue('-3')).toBeNull();
    expect(normaliseReportValue('abc')).toBeNull();
    expect(normaliseReportValue('  ')).toBeNull();
  });
});

describe('target agreement', () => {
  it('offers the other side agree and reject, the proposing side withdraw, on an open proposal only', () => {
    expect(agreementActions(version, 'lead-provider')).toEqual(['agree', 'reject']);
    expect(agreementActions(version, 'jugendamt')).toEqual(['withdraw']);
    expect(agreementActions({ ...version, status: 'agreed' }, 'lead-provider')).toEqual([]);
    expect(agreementActions(version, null)).toEqual([]);
    expect(partyOf(['controller'])).toBe('jugendamt');
    expect(partyOf(['provider'])).toBe('lead-provider');
    expect(partyOf(['auditor'])).toBeNull();
  });

  it('describes the bonus rule and the history in German', () => {
    expect(bonusRuleText(version.bonus)).toBe(`Prämientopf 5,00${NBSP}% des flexiblen Budgets; Prämie ab einer Punktzahl von 50,00${NBSP}%`);
    expect(bonusRuleText({ minimumScorePct: '50', pool: { kind: 'amount', amount: '3500.00' } })).toContain(`3.500,00${NBSP}€`);
    expect(agreementHistory(version)).toBe('Vorgeschlagen von dem Jugendamt (HRO-JA) am 08.01.2025');
    expect(
      agreementHistory({
        ...version,
        status: 'agreed',
        answer: { agreementId: version.agreementId, by: 'lead-provider', on: '2025-01-10', organisationId: 'TR-E', reason: 'einverstanden' },
      }),
    ).toBe('Vorgeschlagen von dem Jugendamt (HRO-JA) am 08.01.2025; zugestimmt vom federführenden Träger (TR-E) am 10.01.2025');
  });
});

describe('reported values', () => {
  const report = (overrides: Partial<IndicatorReport>): IndicatorReport => ({
    reportId: 'MW-2025-1',
    indicatorKey: 'teilnehmende-fu',
    period: '2025-Q1',
    value: '410',
    note: 'Jugendtreff',
    reporter: 'provider',
    organisationId: 'TR-E',
    corrects: null,
    reason: null,
    reportedOn: '2025-04-04',
    current: false,
    ...overrides,
  });

  it('shows each report with what it corrects', () => {
    const rows = reportRows([report({}), report({ reportId: 'MW-2025-2', value: '430', corrects: 'MW-2025-1', reason: 'Nachmeldung', current: true })], {
      indicators: [indicator({ indicatorKey: 'teilnehmende-fu', name: 'Teilnehmende', unit: 'count' })],
    });
    expect(rows.map((r) => [r.reportId, r.indicator, r.period, r.value, r.correction, r.current])).toEqual([
      ['MW-2025-1', 'Teilnehmende', '1. Quartal 2025', '410', '', false],
      ['MW-2025-2', 'Teilnehmende', '1. Quartal 2025', '430', 'berichtigt MW-2025-1: Nachmeldung', true],
    ]);
    expect(rows[0]?.reporter).toBe('Träger TR-E');
    expect(rows[0]?.reportedOn).toBe('04.04.2025');
  });

  it('offers the reported indicators the signed-in side reports', () => {
    const catalogue = [
      { key: 'teilnehmende-fu', source: 'reported', reportedBy: ['provider'] },
      { key: 'elternabende', source: 'reported', reportedBy: ['jugendamt'] },
      { key: 'ambulant-anteil', source: 'computed', reportedBy: [] },
    ];
    expect(reportableIndicators(catalogue, ['provider']).map((i) => i.key)).toEqual(['teilnehmende-fu']);
    expect(reportableIndicators(catalogue, ['controller']).map((i) => i.key)).toEqual(['elternabende']);
    expect(reportableIndicators(catalogue, ['auditor'])).toEqual([]);
  });
});

describe('evaluation', () => {
  const evaluation: PerformanceEvaluation = {
    agreementId: 'ZV-HRO-TW-2025-1',
    agreementVersion: 1,
    bonus: '3073.94',
    bonusFromReturn: '3073.94',
    bonusIncrease: '0.00',
    indicators: [
      {
        indicatorKey: 'ambulant-anteil',
        name: 'Ambulant-Anteil',
        achievement: '0.7692307692',
        achievementPct: '76.92',
        achievementRaw: '0.7692307692',
        actual: '61.5384615385',
        actualRounded: '61.54',
        baseline: '50.00',
        target: '65.00',
        direction: 'higher-is-better',
        unit: 'percent',
        weight: '30',
        weighted: '23.0769230769',
      },
    ],
    minimumScorePct: '50',
    nextYearFuChange: '17322.69',
    pool: '3500.00',
    poolBasis: '5 % des flexiblen Budgets',
    returnedToMunicipalBudget: '21174.81',
    score: '0.8782692308',
    scorePct: '87.83',
    weightTotal: '100',
  };

  it('shows every intermediate figure', () => {
    expect(evaluationRows(evaluation)).toEqual([
      {
        key: 'ambulant-anteil',
        name: 'Ambulant-Anteil',
        baseline: `50,00${NBSP}%`,
        target: `65,00${NBSP}%`,
        actual: `61,54${NBSP}%`,
        weight: '30',
        achievement: `76,92${NBSP}%`,
        weighted: '23,0769230769',
      },
    ]);
    const figures = new Map(evaluationFigures(evaluation));
    expect(figures.get('Punktzahl (gewichtetes Mittel der Zielerreichungen)')).toBe(`87,83${NBSP}%`);
    expect(figures.get('Prämie')).toBe(`3.073,94${NBSP}€`);
    expect(figures.get('An den kommunalen Haushalt zurück')).toBe(`21.174,81${NBSP}€`);
    expect(figures.get('Änderung des fallunspezifischen Budgets im Folgejahr')).toBe(`17.322,69${NBSP}€`);
    expect(new Map(evaluationFigures({ ...evaluation, returnedToMunicipalBudget: null })).get('An den kommunalen Haushalt zurück')).toBe(
      'keine Unterschreitung',
    );
  });
});
