import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { parseAmount, ZERO } from '../../../../libs/money';
import { isFlexible } from '../../../shared/budget-category';
import { streams } from '../../../shared/stream-ids';
import { CommittedMoney } from '../../committed-money';
import { decideAmend } from '../../domain/sozialraum-budget.decisions';
import { sozialraumBudgetDecider } from '../../domain/sozialraum-budget';
import { AmendBudgetCommand, BudgetCommandResult } from '../budget.commands';
import { onBusinessDate } from '../../../../libs/ddd/command-context';

@CommandHandler(AmendBudgetCommand)
export class AmendBudgetHandler implements ICommandHandler<AmendBudgetCommand> {
  constructor(private readonly aggregates: AggregateStore, private readonly committed: CommittedMoney) {}

  async execute({ ctx, sozialraumId, fiscalYear, dto }: AmendBudgetCommand): Promise<BudgetCommandResult> {
    const streamId = streams.budget(ctx.tenantId, sozialraumId, fiscalYear);
    // Approvals bind FS money in their own streams; flexible money is bound in this one.
    const boundElsewhere = isFlexible(dto.category) ? ZERO : await this.committed.boundOutside(ctx.tenantId, sozialraumId, fiscalYear, dto.category, streamId);
    const handled = await this.aggregates.handle(
      streamId,
      sozialraumBudgetDecider,
      onBusinessDate(ctx, dto.businessDate),
      (state) => decideAmend({ category: dto.category, newAmount: parseAmount(dto.amount), reason: dto.reason, decisionReference: dto.decisionReference, boundElsewhere }, state, sozialraumId, fiscalYear),
      { retryOnConflict: true },
    );
    return { sozialraumId, fiscalYear, version: handled.version, events: handled.events.map((e) => e.type) };
  }
}
