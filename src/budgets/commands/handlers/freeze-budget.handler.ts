import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { streams } from '../../../shared/stream-ids';
import { sozialraumBudgetDecider } from '../../domain/sozialraum-budget';
import { decideFreeze } from '../../domain/sozialraum-budget.decisions';
import { BudgetCommandResult, FreezeBudgetCommand } from '../budget.commands';

@CommandHandler(FreezeBudgetCommand)
export class FreezeBudgetHandler implements ICommandHandler<FreezeBudgetCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ ctx, sozialraumId, fiscalYear, imposed, dto }: FreezeBudgetCommand): Promise<BudgetCommandResult> {
    const command = { sozialraumId, fiscalYear, imposed, categories: dto.categories, reason: dto.reason };
    const handled = await this.aggregates.handle(
      streams.budget(ctx.tenantId, sozialraumId, fiscalYear),
      sozialraumBudgetDecider,
      onBusinessDate(ctx, dto.businessDate),
      {
        decide: (state) => decideFreeze(command, state),
      },
      { retryOnConflict: true },
    );
    return { sozialraumId, fiscalYear, version: handled.version, events: handled.events.map((e) => e.type) };
  }
}
