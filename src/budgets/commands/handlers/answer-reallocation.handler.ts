import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { ZERO } from '../../../../libs/money';
import { isFlexible } from '../../../shared/budget-category';
import { streams } from '../../../shared/stream-ids';
import { CommittedMoney } from '../../committed-money';
import { decideAgreeReallocation, decideRejectReallocation, decideWithdrawReallocation } from '../../domain/sozialraum-budget.decisions';
import { sozialraumBudgetDecider } from '../../domain/sozialraum-budget';
import { MasterDataQueries } from '../../../master-data';
import { AnswerReallocationCommand, BudgetCommandResult } from '../budget.commands';
import { actingParty } from '../budget-command-context';
import { onBusinessDate } from '../../../../libs/ddd/command-context';

const DECISIONS = { agree: decideAgreeReallocation, reject: decideRejectReallocation, withdraw: decideWithdrawReallocation };

@CommandHandler(AnswerReallocationCommand)
export class AnswerReallocationHandler implements ICommandHandler<AnswerReallocationCommand> {
  constructor(private readonly aggregates: AggregateStore, private readonly committed: CommittedMoney, private readonly directory: MasterDataQueries) {}

  async execute({ ctx: requestCtx, sozialraumId, fiscalYear, proposalId, answer, dto }: AnswerReallocationCommand): Promise<BudgetCommandResult> {
    const ctx = onBusinessDate(requestCtx, dto.businessDate);
    const party = await actingParty(ctx, sozialraumId, this.directory);
    const streamId = streams.budget(ctx.tenantId, sozialraumId, fiscalYear);
    const current = await this.aggregates.load(streamId, sozialraumBudgetDecider);
    const from = current.state.openProposals.find((p) => p.proposalId === proposalId)?.from;
    // Only an agreement moves money; rejections and withdrawals need no committed figure.
    const boundElsewhereInFrom = answer !== 'agree' || !from || isFlexible(from) ? ZERO : await this.committed.boundOutside(ctx.tenantId, sozialraumId, fiscalYear, from, streamId);
    const handled = await this.aggregates.handle(
      streamId,
      sozialraumBudgetDecider,
      ctx,
      (state) => DECISIONS[answer]({ proposalId, party, organisationId: ctx.actor.organisationId, reason: dto.reason, boundElsewhereInFrom, businessDate: ctx.businessDate }, state, sozialraumId, fiscalYear),
      { retryOnConflict: true },
    );
    return { sozialraumId, fiscalYear, version: handled.version, events: handled.events.map((e) => e.type) };
  }
}
