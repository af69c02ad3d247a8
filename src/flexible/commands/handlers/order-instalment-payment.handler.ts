import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { decideOrderInstalmentPayment } from '../../domain/subsidy.decisions';
import { flexibleBudgetDecider } from '../../domain/flexible-budget';
import { FLEXIBLE_HANDLE_OPTIONS, onBudgetYear } from '../budget-year';
import { OrderInstalmentPaymentCommand } from '../flexible.commands';

@CommandHandler(OrderInstalmentPaymentCommand)
export class OrderInstalmentPaymentHandler implements ICommandHandler<OrderInstalmentPaymentCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ ctx: requestCtx, year, subsidyId, instalmentId, dto }: OrderInstalmentPaymentCommand) {
    const { ctx, streamId } = onBudgetYear(requestCtx, year, dto.businessDate);
    const command = { ...year, subsidyId, instalmentId, businessDate: ctx.businessDate };
    return this.aggregates.handle(
      streamId,
      flexibleBudgetDecider,
      ctx,
      { decide: (state) => decideOrderInstalmentPayment(command, state) },
      FLEXIBLE_HANDLE_OPTIONS,
    );
  }
}
