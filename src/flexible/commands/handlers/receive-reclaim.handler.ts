import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { parseAmount } from '../../../../libs/money';
import { decideReceiveReclaim } from '../../domain/subsidy.decisions';
import { FlexibleBudgetStore } from '../flexible-budget-store';
import { ReceiveReclaimCommand } from '../flexible.commands';

@CommandHandler(ReceiveReclaimCommand)
export class ReceiveReclaimHandler implements ICommandHandler<ReceiveReclaimCommand> {
  constructor(private readonly store: FlexibleBudgetStore) {}

  execute({ ctx, year, subsidyId, dto }: ReceiveReclaimCommand) {
    const amount = parseAmount(dto.amount);
    return this.store.handle(ctx, year, dto.businessDate, (state, c) =>
      decideReceiveReclaim({ subsidyId, amount, businessDate: c.businessDate }, state, year.sozialraumId, year.fiscalYear),
    );
  }
}
