import { Decimal, formatAmount, roundToCent } from '../../../libs/money';
import { BudgetContractTerms } from '../../budgets';

export type SettlementOutcome = 'none' | 'overrun' | 'underrun';

export interface SettlementFigures {
  outcome: SettlementOutcome;
  budget: string; // B
  flexibleBudget: string;
  actual: string; // I
  deviation: string; // D = I − B
  corridor: string; // K
  excess: string | null; // E (overrun)
  savings: string | null; // S (under-run)
  providerShare: string; // Malus
  providerShareCap: string | null;
  jugendamtShare: string | null;
  carryForward: string;
  carryForwardCap: string | null;
  returnedToMunicipalBudget: string | null;
}

/**
 * R10 year-end settlement (shared Fach- und Finanzverantwortung). Every intermediate figure is
 * returned; rounding half-up to the cent happens only on the shares.
 */
export function calculateSettlement(budget: Decimal, flexibleBudget: Decimal, actual: Decimal, terms: BudgetContractTerms): SettlementFigures {
  const deviation = actual.minus(budget);
  const corridor = roundToCent(budget.times(terms.corridorPct).div(100));
  const base = {
    budget: formatAmount(budget),
    flexibleBudget: formatAmount(flexibleBudget),
    actual: formatAmount(actual),
    deviation: formatAmount(deviation),
    corridor: formatAmount(corridor),
  };
  if (deviation.abs().lessThanOrEqualTo(corridor)) {
    return {
      outcome: 'none',
      ...base,
      excess: null,
      savings: null,
      providerShare: '0.00',
      providerShareCap: null,
      jugendamtShare: null,
      carryForward: '0.00',
      carryForwardCap: null,
      returnedToMunicipalBudget: null,
    };
  }
  if (deviation.greaterThan(corridor)) {
    const excess = deviation.minus(corridor);
    const capBasis = terms.malusCapBasis === 'total-budget' ? budget : flexibleBudget;
    const cap = roundToCent(capBasis.times(terms.malusCapPct).div(100));
    const share = Decimal.min(roundToCent(excess.times(terms.providerSharePct).div(100)), cap);
    return {
      outcome: 'overrun',
      ...base,
      excess: formatAmount(excess),
      savings: null,
      providerShare: formatAmount(share),
      providerShareCap: formatAmount(cap),
      jugendamtShare: formatAmount(corridor.plus(excess).minus(share)),
      carryForward: '0.00',
      carryForwardCap: null,
      returnedToMunicipalBudget: null,
    };
  }
  const savings = deviation.negated().minus(corridor);
  const cap = roundToCent(budget.times(terms.carryForwardCapPct).div(100));
  const carry = Decimal.min(roundToCent(savings.times(terms.carryForwardSharePct).div(100)), cap);
  return {
    outcome: 'underrun',
    ...base,
    excess: null,
    savings: formatAmount(savings),
    providerShare: '0.00',
    providerShareCap: null,
    jugendamtShare: null,
    carryForward: formatAmount(carry),
    carryForwardCap: formatAmount(cap),
    returnedToMunicipalBudget: formatAmount(deviation.negated().minus(carry)),
  };
}
