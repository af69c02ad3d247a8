import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { decideRejectActivity } from '../../domain/activity.decisions';
import { flexibleBudgetDecider } from '../../domain/flexible-budget';
import { FLEXIBLE_HANDLE_OPTIONS, onBudgetYear } from '../budget-year';
import { RejectActivityCommand } from '../flexible.commands';

@CommandHandler(RejectActivityCommand)
export class RejectActivityHandler implements ICommandHandler<RejectActivityCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ ctx: requestCtx, year, activityId, dto }: RejectActivityCommand) {
    const { ctx, streamId } = onBudgetYear(requestCtx, year, dto.businessDate);
    const command = { ...year, activityId, reason: dto.reason };
    return this.aggregates.handle(streamId, flexibleBudgetDecider, ctx, { decide: (state) => decideRejectActivity(command, state) }, FLEXIBLE_HANDLE_OPTIONS);
  }
}
