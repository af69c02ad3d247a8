import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideOrderInstalmentPayment } from '../../domain/subsidy.decisions';
import { FlexibleBudgetStore } from '../flexible-budget-store';
import { OrderInstalmentPaymentCommand } from '../flexible.commands';

@CommandHandler(OrderInstalmentPaymentCommand)
export class OrderInstalmentPaymentHandler implements ICommandHandler<OrderInstalmentPaymentCommand> {
  constructor(private readonly store: FlexibleBudgetStore) {}

  execute({ ctx, year, subsidyId, instalmentId, dto }: OrderInstalmentPaymentCommand) {
    return this.store.handle(ctx, year, dto.businessDate, (state, c) =>
      decideOrderInstalmentPayment({ subsidyId, instalmentId, businessDate: c.businessDate }, state, year.sozialraumId, year.fiscalYear),
    );
  }
}
