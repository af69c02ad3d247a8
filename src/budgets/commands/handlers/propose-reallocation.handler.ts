import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { parseAmount, ZERO } from '../../../../libs/money';
import { isFlexible } from '../../../shared/budget-category';
import { streams } from '../../../shared/stream-ids';
import { CommittedMoney } from '../../committed-money';
import { decideProposeReallocation } from '../../domain/sozialraum-budget.decisions';
import { sozialraumBudgetDecider } from '../../domain/sozialraum-budget';
import { MasterDataQueries } from '../../../master-data';
import { BudgetCommandResult, ProposeReallocationCommand } from '../budget.commands';
import { actingParty } from '../budget-command-context';
import { onBusinessDate } from '../../../../libs/ddd/command-context';

@CommandHandler(ProposeReallocationCommand)
export class ProposeReallocationHandler implements ICommandHandler<ProposeReallocationCommand> {
  constructor(private readonly aggregates: AggregateStore, private readonly committed: CommittedMoney, private readonly directory: MasterDataQueries) {}

  async execute({ ctx: requestCtx, sozialraumId, fiscalYear, dto }: ProposeReallocationCommand): Promise<BudgetCommandResult & { proposalId: string }> {
    const ctx = onBusinessDate(requestCtx, dto.businessDate);
    const party = await actingParty(ctx, sozialraumId, this.directory);
    const streamId = streams.budget(ctx.tenantId, sozialraumId, fiscalYear);
    const boundElsewhereInFrom = isFlexible(dto.from) ? ZERO : await this.committed.boundOutside(ctx.tenantId, sozialraumId, fiscalYear, dto.from, streamId);
    let proposalId = '';
    const handled = await this.aggregates.handle(
      streamId,
      sozialraumBudgetDecider,
      ctx,
      (state) => {
        proposalId = `UMS-${fiscalYear}-${state.proposalsMade + 1}`;
        return decideProposeReallocation(
          { proposalId, from: dto.from, to: dto.to, amount: parseAmount(dto.amount), reason: dto.reason, party, organisationId: ctx.actor.organisationId, boundElsewhereInFrom },
          state,
          sozialraumId,
          fiscalYear,
        );
      },
      { retryOnConflict: true },
    );
    return { sozialraumId, fiscalYear, proposalId, version: handled.version, events: handled.events.map((e) => e.type) };
  }
}
