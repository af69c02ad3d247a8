import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { streams } from '../../../shared/stream-ids';
import { BudgetQueries } from '../../../budgets';
import { decideConfirmSettlement, settlementReadyToApply } from '../../domain/steering.decisions';
import { steeringDecider } from '../../domain/steering-stream';
import { ApplySettlementCommand, ConfirmSettlementCommand, SteeringHandled } from '../steering.commands';
import { withoutIfMatch } from '../steering-command-support';

@CommandHandler(ConfirmSettlementCommand)
export class ConfirmSettlementHandler implements ICommandHandler<ConfirmSettlementCommand, SteeringHandled> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly budgets: BudgetQueries,
    private readonly commands: CommandBus,
  ) {}

  async execute({ ctx: requested, sozialraumId, fiscalYear, dto }: ConfirmSettlementCommand): Promise<SteeringHandled> {
    const ctx = onBusinessDate(requested, dto.businessDate);
    const command = { party: ctx.actor.role === 'controller' ? ('jugendamt' as const) : ('lead-provider' as const), organisationId: ctx.actor.organisationId };
    const confirmed = await this.aggregates.handle(
      streams.steering(ctx.tenantId, sozialraumId, fiscalYear),
      steeringDecider,
      ctx,
      { decide: (state) => decideConfirmSettlement(command, state) },
      { retryOnConflict: true },
    );
    if (settlementReadyToApply(confirmed.state)) {
      const nextYearExists = (await this.budgets.budgetStatus(ctx.tenantId, sozialraumId, fiscalYear + 1)) !== 'none';
      // If-Match guarded the confirmation (the steering stream the client read); applying it
      // appends to the next year's budget and the steering stream again on their own versions.
      if (nextYearExists) return this.commands.execute(new ApplySettlementCommand(withoutIfMatch(ctx), sozialraumId, fiscalYear, {}));
    }
    return confirmed;
  }
}
