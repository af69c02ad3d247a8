import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { streams } from '../../../shared/stream-ids';
import { sozialraumBudgetDecider } from '../../domain/sozialraum-budget';
import { decideOpen } from '../../domain/sozialraum-budget.decisions';
import { BudgetCommandResult, OpenBudgetCommand } from '../budget.commands';

@CommandHandler(OpenBudgetCommand)
export class OpenBudgetHandler implements ICommandHandler<OpenBudgetCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ ctx, sozialraumId, fiscalYear, dto }: OpenBudgetCommand): Promise<BudgetCommandResult> {
    const command = { sozialraumId, fiscalYear, reason: dto.reason };
    const handled = await this.aggregates.handle(
      streams.budget(ctx.tenantId, sozialraumId, fiscalYear),
      sozialraumBudgetDecider,
      onBusinessDate(ctx, dto.businessDate),
      {
        decide: (state) => decideOpen(command, state),
      },
    );
    return { sozialraumId, fiscalYear, version: handled.version, events: handled.events.map((e) => e.type) };
  }
}
