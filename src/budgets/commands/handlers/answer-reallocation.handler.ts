import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { ZERO } from '../../../../libs/money';
import { isFlexible } from '../../../shared/budget-category';
import { streams } from '../../../shared/stream-ids';
import { MasterDataQueries } from '../../../master-data';
import { CommittedMoney } from '../../committed-money';
import { sozialraumBudgetDecider } from '../../domain/sozialraum-budget';
import { decideAgreeReallocation, decideRejectReallocation, decideWithdrawReallocation } from '../../domain/sozialraum-budget.decisions';
import { AnswerReallocationCommand, BudgetCommandResult } from '../budget.commands';
import { actingParty } from '../budget-command-context';

@CommandHandler(AnswerReallocationCommand)
export class AnswerReallocationHandler implements ICommandHandler<AnswerReallocationCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly committed: CommittedMoney,
    private readonly directory: MasterDataQueries,
  ) {}

  async execute({ ctx: requestCtx, sozialraumId, fiscalYear, proposalId, answer, dto }: AnswerReallocationCommand): Promise<BudgetCommandResult> {
    const ctx = onBusinessDate(requestCtx, dto.businessDate);
    const party = await actingParty(ctx, sozialraumId, this.directory);
    const streamId = streams.budget(ctx.tenantId, sozialraumId, fiscalYear);
    const command = { sozialraumId, fiscalYear, proposalId, organisationId: ctx.actor.organisationId, reason: dto.reason, businessDate: ctx.businessDate };
    const options = { retryOnConflict: true };
    const handled =
      answer === 'agree'
        ? await this.aggregates.handle(
            streamId,
            sozialraumBudgetDecider,
            ctx,
            {
              // Only an agreement moves money: FS money bound in the proposal's source category counts.
              facts: async (state) => {
                const from = state.openProposals.find((p) => p.proposalId === proposalId)?.from;
                return {
                  party,
                  boundElsewhereInFrom:
                    !from || isFlexible(from) ? ZERO : await this.committed.boundOutside(ctx.tenantId, sozialraumId, fiscalYear, from, streamId),
                };
              },
              decide: (state, facts) => decideAgreeReallocation(command, state, facts),
            },
            options,
          )
        : await this.aggregates.handle(
            streamId,
            sozialraumBudgetDecider,
            ctx,
            {
              facts: async () => ({ party }),
              decide: (state, facts) => (answer === 'reject' ? decideRejectReallocation : decideWithdrawReallocation)(command, state, facts),
            },
            options,
          );
    return { sozialraumId, fiscalYear, version: handled.version, events: handled.events.map((e) => e.type) };
  }
}
