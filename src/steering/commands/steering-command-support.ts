import { CommandContext } from '../../../libs/ddd/command-context';
import { NotFound } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { BudgetQueries } from '../../budgets';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';

/** 404 unless the Sozialraum has a budget of the year: steering decides only on budgeted years. */
export async function assertBudget(budgets: BudgetQueries, tenantId: string, sozialraumId: string, fiscalYear: number): Promise<void> {
  if ((await budgets.budgetStatus(tenantId, sozialraumId, fiscalYear)) === 'none') {
    throw new NotFound(SHARED_PROBLEMS['budget-not-found'], noBudget(sozialraumId, fiscalYear));
  }
}

/** The detail of a 404 budget-not-found: the Sozialraum has no budget of the year (or it is not visible). */
export function noBudget(sozialraumId: string, fiscalYear: number) {
  return text(`Für den Sozialraum ${sozialraumId} gibt es kein Budget ${fiscalYear}.`, `There is no budget of ${sozialraumId} for ${fiscalYear}.`);
}

/** The context for appends to streams other than the one the client's If-Match names. */
export function withoutIfMatch(ctx: CommandContext): CommandContext {
  const { expectedVersion: _ifMatch, ...rest } = ctx;
  return rest;
}
