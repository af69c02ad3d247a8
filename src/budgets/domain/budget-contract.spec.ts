import { Decimal } from '../../../libs/money';
import { deciderSpec } from '../../../test/support/decider-spec';
import { LegalBasis } from '../../shared/legal-basis';
import { budgetContractDecider, contractInForce, decideConcludeVersion } from './budget-contract';
import { DEFAULT_CONTRACT_TERMS, competentBody, completeTerms } from './contract-terms';

const conclude = deciderSpec(budgetContractDecider, decideConcludeVersion);
const facts = { sozialraumRegistered: true, effectiveYearClosed: false };

describe('budget contract', () => {
  it('completes partial terms with the rule book defaults', () => {
    const { terms, errors } = completeTerms({ corridorPct: '3' });
    expect(errors).toEqual([]);
    expect(terms).toEqual({ ...DEFAULT_CONTRACT_TERMS, corridorPct: '3' });
  });

  it('reports inconsistent terms by field', () => {
    const { errors } = completeTerms({
      corridorPct: '5.123',
      warningThresholdPct: '105',
      procedureThresholdPct: '105',
      highCostDailyRateThreshold: '-1',
      excludedLegalBases: ['99' as LegalBasis],
      underrunReviewMonth: 13,
      supplementaryApprovalLimits: [
        { body: 'OB', upTo: '50000.00' },
        { body: 'HA', upTo: '40000.00' },
        { body: 'BS', upTo: '1.00' },
      ],
    });
    expect(errors.map((e) => e.field).sort()).toEqual(
      [
        'terms.corridorPct',
        'terms.excludedLegalBases',
        'terms.highCostDailyRateThreshold',
        'terms.supplementaryApprovalLimits[1].upTo',
        'terms.supplementaryApprovalLimits[2].upTo',
        'terms.underrunReviewMonth',
      ].sort(),
    );
    expect(completeTerms({ warningThresholdPct: '105', procedureThresholdPct: '105' }).errors.map((e) => e.field)).toEqual(['terms.procedureThresholdPct']);
  });

  it('says in German and English what is wrong with a term', () => {
    const { errors } = completeTerms({ underrunReviewMonth: 13, highCostDailyRateThreshold: '300.001' });
    expect(errors).toEqual([
      { field: 'terms.highCostDailyRateThreshold', message: { de: 'hat mehr als 2 Nachkommastellen.', en: 'has more than 2 decimal places.' } },
      { field: 'terms.underrunReviewMonth', message: { de: 'muss eine Monatszahl von 1 bis 12 sein.', en: 'must be a month number 1–12.' } },
    ]);
  });

  it('writes the amounts of valid terms with exactly two decimals', () => {
    const { terms, errors } = completeTerms({
      highCostDailyRateThreshold: '320',
      supplementaryApprovalLimits: [
        { body: 'Oberbürgermeister', upTo: '50000.5' },
        { body: 'Bürgerschaft', upTo: null },
      ],
    });
    expect(errors).toEqual([]);
    expect([terms.highCostDailyRateThreshold, terms.supplementaryApprovalLimits]).toEqual([
      '320.00',
      [
        { body: 'Oberbürgermeister', upTo: '50000.50' },
        { body: 'Bürgerschaft', upTo: null },
      ],
    ]);
  });

  it('answers the version in force on a date, defaults before the first', () => {
    const version = (effectiveFrom: string, corridorPct: string) => ({
      sozialraumId: 'HRO-TW',
      effectiveFrom,
      terms: { ...DEFAULT_CONTRACT_TERMS, corridorPct },
      decisionReference: null,
      reason: 'Vertrag',
    });
    const [first] = conclude
      .given([])
      .when(version('2026-01-01', '3'), facts)
      .thenEvents([{ type: 'BudgetContractVersionConcluded', data: { ...version('2026-01-01', '3'), versionNumber: 1 } }]);
    const [second] = conclude
      .given([first])
      .when(version('2025-01-01', '5'), facts)
      .thenEvents([{ type: 'BudgetContractVersionConcluded', data: { ...version('2025-01-01', '5'), versionNumber: 2 } }]);
    const { state } = conclude.given([first, second]);
    expect(contractInForce(state, '2024-12-31')).toMatchObject({ versionNumber: null, terms: { corridorPct: '5' } });
    expect(contractInForce(state, '2025-06-30')).toMatchObject({ versionNumber: 2, effectiveFrom: '2025-01-01', terms: { corridorPct: '5' } });
    expect(contractInForce(state, '2026-01-01')).toMatchObject({ versionNumber: 1, effectiveFrom: '2026-01-01', terms: { corridorPct: '3' } });
    conclude.given([first, second]).when(version('2025-01-01', '4'), facts).thenRefused('contract-version-exists');
  });

  it('is concluded only for a registered Sozialraum and never into a closed year', () => {
    const version = { sozialraumId: 'HRO-TW', effectiveFrom: '2025-01-01', terms: { ...DEFAULT_CONTRACT_TERMS }, decisionReference: null, reason: 'Vertrag' };
    expect(
      conclude
        .given([])
        .when(version, { ...facts, sozialraumRegistered: false })
        .thenRefused('sozialraum-not-found').status,
    ).toBe(404);
    expect(
      conclude
        .given([])
        .when(version, { ...facts, effectiveYearClosed: true })
        .thenRefused('fiscal-year-closed', /2025 of HRO-TW is closed/).status,
    ).toBe(422);
  });

  it('names the body competent for a supplementary amount (R9)', () => {
    expect(competentBody(DEFAULT_CONTRACT_TERMS, new Decimal('50000.00'))).toBe('Oberbürgermeister');
    expect(competentBody(DEFAULT_CONTRACT_TERMS, new Decimal('50000.01'))).toBe('Hauptausschuss');
    expect(competentBody(DEFAULT_CONTRACT_TERMS, new Decimal('500000.01'))).toBe('Bürgerschaft');
  });
});
