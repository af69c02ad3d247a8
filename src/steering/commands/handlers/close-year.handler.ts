import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { BudgetQueries, BudgetYearEnd } from '../../../budgets';
import { refuseWhileWorkPending } from '../../domain/steering.decisions';
import { YearEndWork } from '../../year-end-work';
import { CloseYearCommand } from '../steering.commands';
import { assertBudget, withoutIfMatch } from '../steering-command-support';

/**
 * Year close: refused while work of the year waits; then the budget closes and commitments roll
 * on. If-Match names the version of the budget stream (the ETag of GET …/pending-work, which
 * the client reads before closing, and of GET /budgets/:sozialraumId/:fiscalYear); the
 * roll-over appends to every case stream on its own current version.
 */
@CommandHandler(CloseYearCommand)
export class CloseYearHandler implements ICommandHandler<CloseYearCommand> {
  constructor(
    private readonly budgets: BudgetQueries,
    private readonly budgetYearEnd: BudgetYearEnd,
    private readonly yearEnd: YearEndWork,
  ) {}

  async execute({ ctx: requested, sozialraumId, fiscalYear, dto }: CloseYearCommand) {
    const ctx = onBusinessDate(requested, dto.businessDate);
    await assertBudget(this.budgets, ctx.tenantId, sozialraumId, fiscalYear);
    // The pending work lies in the other capabilities' streams: a fact looked up before deciding.
    refuseWhileWorkPending({ fiscalYear }, { pending: await this.yearEnd.pending(ctx.tenantId, sozialraumId, fiscalYear) });
    const closed = await this.budgetYearEnd.close(ctx, sozialraumId, fiscalYear, dto.reason);
    await this.yearEnd.rollOver(withoutIfMatch(ctx), sozialraumId, fiscalYear);
    return closed;
  }
}
