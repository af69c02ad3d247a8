import { Decimal, ZERO } from '../../../libs/money';
import { BUDGET_CATEGORIES, BudgetCategory } from '../../shared/budget-category';
import { BookEvent } from './book-event';

export type PerCategory = Record<BudgetCategory, Decimal>;

export const zeroPerCategory = (): PerCategory => ({ FS: ZERO, FUE: ZERO, FU: ZERO });

/** Applies a planning event of the budget stream to planned amounts (B = their sum). */
export function applyPlanning(planned: PerCategory, event: Pick<BookEvent, 'type' | 'data'>): PerCategory {
  const d = event.data;
  switch (event.type) {
    case 'BudgetAllocated':
      return { FS: new Decimal(d.planned.FS), FUE: new Decimal(d.planned.FUE), FU: new Decimal(d.planned.FU) };
    case 'BudgetAmended':
      return { ...planned, [d.category]: new Decimal(d.newAmount) };
    case 'ReallocationAgreed':
      return { ...planned, [d.from]: planned[d.from as BudgetCategory].minus(d.amount), [d.to]: planned[d.to as BudgetCategory].plus(d.amount) };
    case 'SavingsCarriedForward':
      return { ...planned, [d.category]: planned[d.category as BudgetCategory].plus(d.amount) };
    case 'MalusApplied':
      return { ...planned, [d.category]: planned[d.category as BudgetCategory].minus(d.amount) };
    default:
      return planned;
  }
}

export const PLANNING_TYPES = new Set(['BudgetAllocated', 'BudgetAmended', 'ReallocationAgreed', 'SavingsCarriedForward', 'MalusApplied']);

export function totalOf(planned: PerCategory): Decimal {
  return BUDGET_CATEGORIES.reduce((sum, c) => sum.plus(planned[c]), ZERO);
}
