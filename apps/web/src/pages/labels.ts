import type { BudgetStatus, Category, OutOfBudgetReason, RevenueKind } from '../api/types';

/** German names of the API's codes, shared by the pages. */

export const STATUS_LABEL: Record<BudgetStatus, string> = {
  planned: 'geplant',
  open: 'in Bewirtschaftung',
  closed: 'abgeschlossen',
};

export const CATEGORY_LABEL: Record<Category, string> = {
  FS: 'Fallspezifisch (FS)',
  FUE: 'Fallübergreifend (FÜ)',
  FU: 'Fallunspezifisch (FU)',
};

/** Why money stands beside the budget (R1). */
export const OUT_OF_BUDGET_REASON_LABEL: Record<OutOfBudgetReason, string> = {
  'excluded-legal-basis': 'Ausgenommene Rechtsgrundlagen',
  'high-cost': 'Hochkostenfälle',
  other: 'Sonstiges',
};

/** The kinds of revenue (R2). */
export const REVENUE_KIND_LABEL: Record<RevenueKind, string> = {
  kostenbeitrag: 'Kostenbeiträge',
  kostenerstattung: 'Kostenerstattungen',
  rueckforderung: 'Rückforderungen',
};
