/**
 * The face of budgets: budget contracts (versions with the rule book's parameters) and the
 * Sozialraum budget of a year. Flexible money is decided on the budget stream, so its state,
 * events and the checks every booking passes are part of this face too.
 */
export { BudgetsModule } from './budgets.module';
export { BudgetQueries } from './queries/budget-queries';
export { BudgetYearEnd } from './budget-year-end';
export { BUDGET_PROBLEMS } from './budgets.problems';
export * from './commands/budget.commands';
export * from './domain/contract-terms';
export * from './domain/budget-contract';
export * from './domain/sozialraum-budget';
export * from './domain/sozialraum-budget.decisions';
export * from './domain/sozialraum-budget.events';
