import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { parseAmount } from '../../../../libs/money';
import { decideApproveActivity } from '../../domain/activity.decisions';
import { flexibleBudgetDecider } from '../../domain/flexible-budget';
import { FLEXIBLE_HANDLE_OPTIONS, onBudgetYear } from '../budget-year';
import { ApproveActivityCommand } from '../flexible.commands';

@CommandHandler(ApproveActivityCommand)
export class ApproveActivityHandler implements ICommandHandler<ApproveActivityCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ ctx: requestCtx, year, activityId, dto }: ApproveActivityCommand) {
    const { ctx, streamId } = onBudgetYear(requestCtx, year, dto.businessDate);
    const command = { ...year, activityId, amount: dto.amount === undefined ? null : parseAmount(dto.amount), bescheidDate: ctx.businessDate };
    return this.aggregates.handle(streamId, flexibleBudgetDecider, ctx, { decide: (state) => decideApproveActivity(command, state) }, FLEXIBLE_HANDLE_OPTIONS);
  }
}
