import { Decimal } from '../../../libs/money';
import { SettlementFigures } from '../../steering';
import { BUILT_IN_INDICATORS, IndicatorDefinition } from './indicator-catalogue';
import { evaluatePerformance } from './evaluation';
import { AgreementVersion } from './target-agreement';

const reported: IndicatorDefinition = {
  key: 'teilnehmende-fu',
  name: 'Teilnehmende',
  definition: 'gemeldet',
  unit: 'count',
  direction: 'higher-is-better',
  source: 'reported',
  aggregation: 'sum',
  reportedBy: ['provider'],
  incentivisable: true,
  effectiveFrom: '2025-01-01',
};
const catalogue = [...BUILT_IN_INDICATORS, reported];

function agreement(indicators: AgreementVersion['indicators'], bonus: Partial<AgreementVersion['bonus']> = {}): AgreementVersion {
  return {
    agreementId: 'ZV-HRO-TW-2025-1',
    version: 1,
    sozialraumId: 'HRO-TW',
    fiscalYear: 2025,
    proposedBy: 'jugendamt',
    proposerOrganisationId: 'HRO-JA',
    indicators,
    bonus: { pool: { kind: 'percent-of-flexible-budget', percent: '5' }, minimumScorePct: '50', ...bonus },
    reason: 'Ziele',
    status: 'agreed',
    proposedOn: '2025-01-08',
    answer: null,
  };
}

const underrun = { outcome: 'underrun', carryForward: '14248.75', returnedToMunicipalBudget: '24248.75', providerShare: '0.00' } as SettlementFigures;
const overrun = { outcome: 'overrun', carryForward: '0.00', returnedToMunicipalBudget: null, providerShare: '1000.00' } as SettlementFigures;
const none = { outcome: 'none', carryForward: '0.00', returnedToMunicipalBudget: null, providerShare: '0.00' } as SettlementFigures;
const d = (v: string) => new Decimal(v);

describe('R12 evaluation (Bewertung der Leistungen)', () => {
  it('reproduces the Toitenwinkel evaluation: 87.83 %, bonus 3,073.94 out of the return, 17,322.69 for 2026 FU', () => {
    const result = evaluatePerformance(
      agreement([
        { indicatorKey: 'planmaessig-beendet', baseline: '60.00', target: '70.00', weight: '40' },
        { indicatorKey: 'ambulant-anteil', baseline: '50.00', target: '65.00', weight: '30' },
        { indicatorKey: 'teilnehmende-fu', baseline: '1200', target: '2000', weight: '30' },
      ]),
      catalogue,
      { 'planmaessig-beendet': d('75'), 'ambulant-anteil': d('800').div(13), 'teilnehmende-fu': d('1860') },
      d('70000.00'),
      underrun,
    );
    expect(result.indicators.map((i) => i.achievementPct)).toEqual(['100.00', '76.92', '82.50']);
    expect(result.poolBasis).toBe('5 % von 70.000,00 € (flexibles Budget)');
    expect(result).toMatchObject({
      score: '0.8782692308',
      scorePct: '87.83',
      pool: '3500.00',
      bonus: '3073.94',
      bonusFromReturn: '3073.94',
      bonusIncrease: '0.00',
      returnedToMunicipalBudget: '21174.81',
      nextYearFuChange: '17322.69',
    });
  });

  it('works for lower-is-better indicators with the target below the baseline, clamped at 0 and 100 %', () => {
    const rule = agreement([{ indicatorKey: 'dauer-beendeter-hilfen', baseline: '10', target: '8', weight: '1' }], {
      pool: { kind: 'amount', amount: '1000.00' },
    });
    const at = (actual: string) => evaluatePerformance(rule, catalogue, { 'dauer-beendeter-hilfen': d(actual) }, d('0'), none);
    expect(at('9').indicators[0]).toMatchObject({ achievementRaw: '0.5', achievementPct: '50.00' });
    expect(at('7').indicators[0]).toMatchObject({ achievementRaw: '1.5', achievementPct: '100.00' });
    expect(at('11').indicators[0]).toMatchObject({ achievementRaw: '-0.5', achievementPct: '0.00' });
    expect(at('9').bonus).toBe('500.00');
  });

  it('grants the bonus at exactly the minimum score and none just below it', () => {
    const rule = agreement([{ indicatorKey: 'ambulant-anteil', baseline: '50', target: '60', weight: '1' }], { pool: { kind: 'amount', amount: '1000.00' } });
    expect(evaluatePerformance(rule, catalogue, { 'ambulant-anteil': d('55') }, d('0'), none)).toMatchObject({ scorePct: '50.00', bonus: '500.00' });
    expect(evaluatePerformance(rule, catalogue, { 'ambulant-anteil': d('54.99') }, d('0'), none)).toMatchObject({ bonus: '0.00', nextYearFuChange: '0.00' });
  });

  it('counts an indicator that could not be measured as not achieved', () => {
    const rule = agreement([{ indicatorKey: 'planmaessig-beendet', baseline: '60', target: '70', weight: '1' }]);
    const result = evaluatePerformance(rule, catalogue, { 'planmaessig-beendet': null }, d('70000.00'), none);
    expect(result.indicators[0]).toMatchObject({ actual: null, achievementRaw: null, achievement: '0' });
    expect(result.bonus).toBe('0.00');
  });

  it('takes the bonus from the return at most, the rest an increase; after an overrun the whole bonus is an increase beside the Malus', () => {
    const rule = agreement([{ indicatorKey: 'ambulant-anteil', baseline: '50', target: '60', weight: '1' }], { pool: { kind: 'amount', amount: '30000.00' } });
    const big = evaluatePerformance(rule, catalogue, { 'ambulant-anteil': d('60') }, d('0'), underrun);
    expect(big).toMatchObject({
      bonus: '30000.00',
      bonusFromReturn: '24248.75',
      bonusIncrease: '5751.25',
      returnedToMunicipalBudget: '0.00',
      nextYearFuChange: '44248.75',
    });
    const afterOverrun = evaluatePerformance(rule, catalogue, { 'ambulant-anteil': d('60') }, d('0'), overrun);
    expect(afterOverrun).toMatchObject({ bonusFromReturn: '0.00', bonusIncrease: '30000.00', returnedToMunicipalBudget: null, nextYearFuChange: '29000.00' });
  });
});
