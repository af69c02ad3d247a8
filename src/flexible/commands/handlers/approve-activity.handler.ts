import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { parseAmount } from '../../../../libs/money';
import { decideApproveActivity } from '../../domain/activity.decisions';
import { FlexibleBudgetStore } from '../flexible-budget-store';
import { ApproveActivityCommand } from '../flexible.commands';

@CommandHandler(ApproveActivityCommand)
export class ApproveActivityHandler implements ICommandHandler<ApproveActivityCommand> {
  constructor(private readonly store: FlexibleBudgetStore) {}

  execute({ ctx, year, activityId, dto }: ApproveActivityCommand) {
    const amount = dto.amount === undefined ? null : parseAmount(dto.amount);
    return this.store.handle(ctx, year, dto.businessDate, (state, c) =>
      decideApproveActivity({ activityId, amount, bescheidDate: c.businessDate }, state, year.sozialraumId, year.fiscalYear),
    );
  }
}
