import { Decimal, ZERO } from '../../../../libs/money';
import { BUDGET_CATEGORIES, BudgetCategory } from '../../../shared/budget-category';
import { LedgerBook } from '../../../steering';
import { ComputedIndicatorInput, ComputedIndicator } from './computed-indicator';
import { leistungsmonateOf, measured } from './approval-history';

/** In-budget actual (accrued − reversed, R3) per category for the period's Leistungsmonate. */
export function actualByCategory(input: ComputedIndicatorInput): Record<BudgetCategory, Decimal> {
  const book = LedgerBook.fold(input.sozialraumId, input.fiscalYear, input.events);
  const months = leistungsmonateOf(input.period);
  const sumOf = (category: BudgetCategory) => months.reduce((sum, month) => sum.plus(book.cell(category, month).actual), ZERO);
  return Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, sumOf(c)])) as Record<BudgetCategory, Decimal>;
}

/**
 * R12 `praeventionsanteil`: actual fallübergreifend + fallunspezifisch money in % of the budget's
 * total actual (FS + FUE + FU, in budget only) for the period's Leistungsmonate.
 */
export const praeventionsanteil: ComputedIndicator = (input) => {
  const actual = actualByCategory(input);
  const flexible = actual.FUE.plus(actual.FU);
  return measured(flexible, flexible.plus(actual.FS), 100, null);
};
