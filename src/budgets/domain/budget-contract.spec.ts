import { DomainError } from '../../../libs/ddd/domain-error';
import { Decimal } from '../../../libs/money';
import { budgetContractDecider, contractInForce, decideConcludeVersion } from './budget-contract';
import { DEFAULT_CONTRACT_TERMS, competentBody, completeTerms } from './contract-terms';

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
      excludedLegalBases: ['99' as any],
      underrunReviewMonth: 13,
      supplementaryApprovalLimits: [{ body: 'OB', upTo: '50000.00' }, { body: 'HA', upTo: '40000.00' }, { body: 'BS', upTo: '1.00' }],
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

  it('answers the version in force on a date, defaults before the first', () => {
    let state = budgetContractDecider.initialState;
    const conclude = (effectiveFrom: string, corridorPct: string) => {
      const events = decideConcludeVersion({ sozialraumId: 'HRO-TW', effectiveFrom, terms: { ...DEFAULT_CONTRACT_TERMS, corridorPct }, decisionReference: null, reason: 'Vertrag' }, state);
      state = events.reduce(budgetContractDecider.evolve, state);
    };
    conclude('2026-01-01', '3');
    conclude('2025-01-01', '5');
    expect(contractInForce(state, '2024-12-31')).toMatchObject({ versionNumber: null, terms: { corridorPct: '5' } });
    expect(contractInForce(state, '2025-06-30')).toMatchObject({ versionNumber: 2, effectiveFrom: '2025-01-01', terms: { corridorPct: '5' } });
    expect(contractInForce(state, '2026-01-01')).toMatchObject({ versionNumber: 1, effectiveFrom: '2026-01-01', terms: { corridorPct: '3' } });
    expect(() => conclude('2025-01-01', '4')).toThrow(DomainError);
  });

  it('names the body competent for a supplementary amount (R9)', () => {
    expect(competentBody(DEFAULT_CONTRACT_TERMS, new Decimal('50000.00'))).toBe('Oberbürgermeister');
    expect(competentBody(DEFAULT_CONTRACT_TERMS, new Decimal('50000.01'))).toBe('Hauptausschuss');
    expect(competentBody(DEFAULT_CONTRACT_TERMS, new Decimal('500000.01'))).toBe('Bürgerschaft');
  });
});
