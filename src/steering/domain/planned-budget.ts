import { Decimal, ZERO } from '../../../libs/money';
import { BUDGET_CATEGORIES, BudgetCategory } from '../../shared/budget-category';
import { PLANNED_AMOUNT_EVENTS, SozialraumBudgetEvent } from '../../budgets';

export type PerCategory = Record<BudgetCategory, Decimal>;

export const zeroPerCategory = (): PerCategory => ({ FS: ZERO, FUE: ZERO, FU: ZERO });

/** The events of the budget stream that change planned amounts. */
export type PlanningEvent = Extract<SozialraumBudgetEvent, { type: (typeof PLANNED_AMOUNT_EVENTS)[number] }>;

export const PLANNING_TYPES: ReadonlySet<string> = new Set(PLANNED_AMOUNT_EVENTS);

export function isPlanningEvent<E extends { type: string; data: unknown }>(event: E): event is E & PlanningEvent {
  return PLANNING_TYPES.has(event.type);
}

/** Applies a planning event of the budget stream to planned amounts (B = their sum); other events change nothing. */
export function applyPlanning(planned: PerCategory, event: { type: string; data: unknown }): PerCategory {
  if (!isPlanningEvent(event)) return planned;
  switch (event.type) {
    case 'BudgetAllocated': {
      const d = event.data;
      return { FS: new Decimal(d.planned.FS), FUE: new Decimal(d.planned.FUE), FU: new Decimal(d.planned.FU) };
    }
    case 'BudgetAmended':
      return { ...planned, [event.data.category]: new Decimal(event.data.newAmount) };
    case 'ReallocationAgreed': {
      const d = event.data;
      return { ...planned, [d.from]: planned[d.from].minus(d.amount), [d.to]: planned[d.to].plus(d.amount) };
    }
    case 'SavingsCarriedForward':
    case 'PerformanceBonusApplied':
      return { ...planned, [event.data.category]: planned[event.data.category].plus(event.data.amount) };
    case 'MalusApplied':
      return { ...planned, [event.data.category]: planned[event.data.category].minus(event.data.amount) };
  }
}

export function totalOf(planned: PerCategory): Decimal {
  return BUDGET_CATEGORIES.reduce((sum, c) => sum.plus(planned[c]), ZERO);
}
