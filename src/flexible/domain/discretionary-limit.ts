import { refuse } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { FLEXIBLE_PROBLEMS } from '../flexible.problems';
import { Decimal, ZERO, formatAmount } from '../../../libs/money';
import { CATEGORY_NAMES } from '../../shared/budget-category';
import { availableIn } from '../../budgets';
import { FlexibleBudgetState } from './flexible-budget';
import { FlexibleCategory } from './flexible.events';

/**
 * § 74 SGB VIII: flexible money is granted only within the available budget. A new commitment is
 * refused while the category is frozen (R8) or when it exceeds planned − bound (bound = committed
 * + actual, after amendments and reallocations). Money already committed is never touched here.
 */
export function assertWithinDiscretionaryLimit(state: FlexibleBudgetState, category: FlexibleCategory, amount: Decimal): void {
  if (state.budget.frozen[category]) {
    refuse(
      FLEXIBLE_PROBLEMS['budget-frozen'],
      text(
        `Die Kategorie ${CATEGORY_NAMES[category]} ist gesperrt; bis zur Aufhebung der Haushaltssperre werden keine neuen Mittel gebunden.`,
        `${capitalised(CATEGORY_NAMES[category])} money is frozen; no new commitments until the freeze is lifted.`,
      ),
      { category },
    );
  }
  const available = Decimal.max(availableIn(state.budget, category), ZERO);
  if (amount.greaterThan(available)) {
    refuse(
      FLEXIBLE_PROBLEMS['budget-exhausted'],
      text(
        `${formatAmount(amount)} EUR übersteigen die in der Kategorie ${CATEGORY_NAMES[category]} verfügbaren ${formatAmount(available)} EUR; weitere Mittel kann eine Umschichtung (R11) oder ein Nachtrag bereitstellen.`,
        `${formatAmount(amount)} exceeds the available ${CATEGORY_NAMES[category]} money of ${formatAmount(available)}; a reallocation (R11) or an amendment can provide more.`,
      ),
      { category, available: formatAmount(available), requested: formatAmount(amount) },
    );
  }
}

function capitalised(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
