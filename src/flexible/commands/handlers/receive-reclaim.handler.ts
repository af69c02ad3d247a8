import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { parseAmount } from '../../../../libs/money';
import { decideReceiveReclaim } from '../../domain/subsidy.decisions';
import { flexibleBudgetDecider } from '../../domain/flexible-budget';
import { FLEXIBLE_HANDLE_OPTIONS, onBudgetYear } from '../budget-year';
import { ReceiveReclaimCommand } from '../flexible.commands';

@CommandHandler(ReceiveReclaimCommand)
export class ReceiveReclaimHandler implements ICommandHandler<ReceiveReclaimCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ ctx: requestCtx, year, subsidyId, dto }: ReceiveReclaimCommand) {
    const { ctx, streamId } = onBudgetYear(requestCtx, year, dto.businessDate);
    const command = { ...year, subsidyId, amount: parseAmount(dto.amount), businessDate: ctx.businessDate };
    return this.aggregates.handle(streamId, flexibleBudgetDecider, ctx, { decide: (state) => decideReceiveReclaim(command, state) }, FLEXIBLE_HANDLE_OPTIONS);
  }
}
