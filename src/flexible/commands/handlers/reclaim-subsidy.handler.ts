import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideReclaimSubsidy } from '../../domain/subsidy.decisions';
import { FlexibleBudgetStore } from '../flexible-budget-store';
import { ReclaimSubsidyCommand } from '../flexible.commands';

@CommandHandler(ReclaimSubsidyCommand)
export class ReclaimSubsidyHandler implements ICommandHandler<ReclaimSubsidyCommand> {
  constructor(private readonly store: FlexibleBudgetStore) {}

  execute({ ctx, year, subsidyId, dto }: ReclaimSubsidyCommand) {
    return this.store.handle(ctx, year, dto.businessDate, (state) => decideReclaimSubsidy({ subsidyId, reason: dto.reason }, state, year.sozialraumId, year.fiscalYear));
  }
}
