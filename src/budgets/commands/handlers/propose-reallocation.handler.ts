import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { parseAmount, ZERO } from '../../../../libs/money';
import { isFlexible } from '../../../shared/budget-category';
import { streams } from '../../../shared/stream-ids';
import { MasterDataQueries } from '../../../master-data';
import { CommittedMoney } from '../../committed-money';
import { sozialraumBudgetDecider } from '../../domain/sozialraum-budget';
import { decideProposeReallocation } from '../../domain/sozialraum-budget.decisions';
import { BudgetCommandResult, ProposeReallocationCommand } from '../budget.commands';
import { actingParty } from '../budget-command-context';

@CommandHandler(ProposeReallocationCommand)
export class ProposeReallocationHandler implements ICommandHandler<ProposeReallocationCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly committed: CommittedMoney,
    private readonly directory: MasterDataQueries,
  ) {}

  async execute({ ctx: requestCtx, sozialraumId, fiscalYear, dto }: ProposeReallocationCommand): Promise<BudgetCommandResult & { proposalId: string }> {
    const ctx = onBusinessDate(requestCtx, dto.businessDate);
    // Who may act is settled before the budget is read: a stranger learns nothing about it.
    const party = await actingParty(ctx, sozialraumId, this.directory);
    const streamId = streams.budget(ctx.tenantId, sozialraumId, fiscalYear);
    const command = {
      sozialraumId,
      fiscalYear,
      from: dto.from,
      to: dto.to,
      amount: parseAmount(dto.amount),
      reason: dto.reason,
      organisationId: ctx.actor.organisationId,
    };
    const handled = await this.aggregates.handle(
      streamId,
      sozialraumBudgetDecider,
      ctx,
      {
        facts: async () => ({
          party,
          boundElsewhereInFrom: isFlexible(dto.from) ? ZERO : await this.committed.boundOutside(ctx.tenantId, sozialraumId, fiscalYear, dto.from, streamId),
        }),
        decide: (state, facts) => decideProposeReallocation(command, state, facts),
      },
      { retryOnConflict: true },
    );
    // The proposal just made is the newest open one.
    const proposalId = handled.state.openProposals[handled.state.openProposals.length - 1].proposalId;
    return { sozialraumId, fiscalYear, proposalId, version: handled.version, events: handled.events.map((e) => e.type) };
  }
}
