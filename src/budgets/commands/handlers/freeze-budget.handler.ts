import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { streams } from '../../../shared/stream-ids';
import { decideFreeze } from '../../domain/sozialraum-budget.decisions';
import { sozialraumBudgetDecider } from '../../domain/sozialraum-budget';
import { BudgetCommandResult, FreezeBudgetCommand } from '../budget.commands';
import { onBusinessDate } from '../../../../libs/ddd/command-context';

@CommandHandler(FreezeBudgetCommand)
export class FreezeBudgetHandler implements ICommandHandler<FreezeBudgetCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ ctx, sozialraumId, fiscalYear, imposed, dto }: FreezeBudgetCommand): Promise<BudgetCommandResult> {
    const handled = await this.aggregates.handle(streams.budget(ctx.tenantId, sozialraumId, fiscalYear), sozialraumBudgetDecider, onBusinessDate(ctx, dto.businessDate), (state) =>
      decideFreeze(imposed, dto.categories, dto.reason, state, sozialraumId, fiscalYear),
      { retryOnConflict: true },
    );
    return { sozialraumId, fiscalYear, version: handled.version, events: handled.events.map((e) => e.type) };
  }
}
