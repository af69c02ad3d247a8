import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { decideReclaimSubsidy } from '../../domain/subsidy.decisions';
import { flexibleBudgetDecider } from '../../domain/flexible-budget';
import { FLEXIBLE_HANDLE_OPTIONS, onBudgetYear } from '../budget-year';
import { ReclaimSubsidyCommand } from '../flexible.commands';

@CommandHandler(ReclaimSubsidyCommand)
export class ReclaimSubsidyHandler implements ICommandHandler<ReclaimSubsidyCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ ctx: requestCtx, year, subsidyId, dto }: ReclaimSubsidyCommand) {
    const { ctx, streamId } = onBudgetYear(requestCtx, year, dto.businessDate);
    const command = { ...year, subsidyId, reason: dto.reason };
    return this.aggregates.handle(streamId, flexibleBudgetDecider, ctx, { decide: (state) => decideReclaimSubsidy(command, state) }, FLEXIBLE_HANDLE_OPTIONS);
  }
}
