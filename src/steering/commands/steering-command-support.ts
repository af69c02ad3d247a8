import { CommandContext } from '../../../libs/ddd/command-context';
import { NotFound } from '../../../libs/ddd/domain-error';
import { BudgetQueries } from '../../budgets';

/** 404 unless the Sozialraum has a budget of the year: steering decides only on budgeted years. */
export async function assertBudget(budgets: BudgetQueries, tenantId: string, sozialraumId: string, fiscalYear: number): Promise<void> {
  if ((await budgets.budgetStatus(tenantId, sozialraumId, fiscalYear)) === 'none') {
    throw new NotFound('budget-not-found', `there is no budget of ${sozialraumId} for ${fiscalYear}`);
  }
}

/** The context for appends to streams other than the one the client's If-Match names. */
export function withoutIfMatch(ctx: CommandContext): CommandContext {
  const { expectedVersion: _ifMatch, ...rest } = ctx;
  return rest;
}
