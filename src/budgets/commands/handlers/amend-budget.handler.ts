import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { parseAmount, ZERO } from '../../../../libs/money';
import { isFlexible } from '../../../shared/budget-category';
import { streams } from '../../../shared/stream-ids';
import { CommittedMoney } from '../../committed-money';
import { sozialraumBudgetDecider } from '../../domain/sozialraum-budget';
import { decideAmend } from '../../domain/sozialraum-budget.decisions';
import { AmendBudgetCommand, BudgetCommandResult } from '../budget.commands';

@CommandHandler(AmendBudgetCommand)
export class AmendBudgetHandler implements ICommandHandler<AmendBudgetCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly committed: CommittedMoney,
  ) {}

  async execute({ ctx, sozialraumId, fiscalYear, dto }: AmendBudgetCommand): Promise<BudgetCommandResult> {
    const streamId = streams.budget(ctx.tenantId, sozialraumId, fiscalYear);
    const command = {
      sozialraumId,
      fiscalYear,
      category: dto.category,
      newAmount: parseAmount(dto.amount),
      reason: dto.reason,
      decisionReference: dto.decisionReference,
    };
    const handled = await this.aggregates.handle(
      streamId,
      sozialraumBudgetDecider,
      onBusinessDate(ctx, dto.businessDate),
      {
        // 1. FS money bound by approvals lies in the case streams (the ledger journal says how much).
        facts: async () => ({
          boundElsewhere: isFlexible(dto.category) ? ZERO : await this.committed.boundOutside(ctx.tenantId, sozialraumId, fiscalYear, dto.category, streamId),
        }),
        // 2. The rule decides, purely.
        decide: (state, facts) => decideAmend(command, state, facts),
      },
      { retryOnConflict: true },
    );
    // 3. Appended; the answer carries the new version (ETag).
    return { sozialraumId, fiscalYear, version: handled.version, events: handled.events.map((e) => e.type) };
  }
}
