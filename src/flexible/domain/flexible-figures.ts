import { Decimal, formatAmount } from '../../../libs/money';
import { CATEGORY_NAMES } from '../../shared/budget-category';
import { availableIn } from '../../budgets';
import { FlexibleBudgetState } from './flexible-budget';
import { FLEXIBLE_CATEGORY_CODES, FlexibleCategory } from './flexible.events';

export interface FlexibleCategoryFigures {
  category: FlexibleCategory;
  name: string;
  /** After amendments, agreed reallocations and applied settlements. */
  planned: string;
  /** Commitments in force (forecast): granted subsidies and approved activities, net of releases. */
  granted: string;
  /** Actual expenditure: payment orders and reported actual amounts. */
  paid: string;
  /** Granted but not yet paid. */
  open: string;
  /** Planned − granted: what a new commitment may still take (§ 74 SGB VIII). */
  available: string;
  frozen: boolean;
}

export function flexibleFigures(state: FlexibleBudgetState): FlexibleCategoryFigures[] {
  return FLEXIBLE_CATEGORY_CODES.map((category) => {
    const granted: Decimal = state.budget.bound[category];
    const paid = state.flexible.paid[category];
    return {
      category,
      name: CATEGORY_NAMES[category],
      planned: formatAmount(state.budget.planned[category]),
      granted: formatAmount(granted),
      paid: formatAmount(paid),
      open: formatAmount(granted.minus(paid)),
      available: formatAmount(availableIn(state.budget, category)),
      frozen: state.budget.frozen[category],
    };
  });
}
