import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { streams } from '../../../shared/stream-ids';
import { decideOpen } from '../../domain/sozialraum-budget.decisions';
import { sozialraumBudgetDecider } from '../../domain/sozialraum-budget';
import { BudgetCommandResult, OpenBudgetCommand } from '../budget.commands';
import { onBusinessDate } from '../../../../libs/ddd/command-context';

@CommandHandler(OpenBudgetCommand)
export class OpenBudgetHandler implements ICommandHandler<OpenBudgetCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ ctx, sozialraumId, fiscalYear, dto }: OpenBudgetCommand): Promise<BudgetCommandResult> {
    const handled = await this.aggregates.handle(streams.budget(ctx.tenantId, sozialraumId, fiscalYear), sozialraumBudgetDecider, onBusinessDate(ctx, dto.businessDate), (state) =>
      decideOpen(dto.reason, state, sozialraumId, fiscalYear),
    );
    return { sozialraumId, fiscalYear, version: handled.version, events: handled.events.map((e) => e.type) };
  }
}
