/**
 * The three categories of a Sozialraumbudget (docs/steering.md, Budget categories). Codes as in the
 * worked example: FS fallspezifisch, FUE fallübergreifend, FU fallunspezifisch.
 */
export const BUDGET_CATEGORIES = ['FS', 'FUE', 'FU'] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

export const CATEGORY_NAMES: Record<BudgetCategory, string> = {
  FS: 'fallspezifisch',
  FUE: 'fallübergreifend',
  FU: 'fallunspezifisch',
};

/** Flexible money (discretionary, § 74 SGB VIII): can be frozen and is limited by the budget. */
export const FLEXIBLE_CATEGORIES: readonly BudgetCategory[] = ['FUE', 'FU'];

export function isFlexible(category: BudgetCategory): boolean {
  return FLEXIBLE_CATEGORIES.includes(category);
}
