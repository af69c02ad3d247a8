import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideRejectActivity } from '../../domain/activity.decisions';
import { FlexibleBudgetStore } from '../flexible-budget-store';
import { RejectActivityCommand } from '../flexible.commands';

@CommandHandler(RejectActivityCommand)
export class RejectActivityHandler implements ICommandHandler<RejectActivityCommand> {
  constructor(private readonly store: FlexibleBudgetStore) {}

  execute({ ctx, year, activityId, dto }: RejectActivityCommand) {
    return this.store.handle(ctx, year, dto.businessDate, (state) => decideRejectActivity({ activityId, reason: dto.reason }, state, year.sozialraumId, year.fiscalYear));
  }
}
