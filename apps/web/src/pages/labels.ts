import type { BudgetStatus, Category } from '../api/types';

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
