import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { decideOrderPayment } from '../../domain/invoice.decisions';
import { CaseStore } from '../case-store';
import { OrderPaymentCommand } from '../case.commands';
import { invoiceFacts } from './invoice-facts';

@CommandHandler(OrderPaymentCommand)
export class OrderPaymentHandler implements ICommandHandler<OrderPaymentCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, invoiceId, businessDate }: OrderPaymentCommand) {
    const dated = onBusinessDate(ctx, businessDate);
    const command = { invoiceId, businessDate: dated.businessDate };
    return this.cases.handle(dated, caseRef, {
      facts: (state) => invoiceFacts(this.cases, ctx.tenantId, state, invoiceId, command.businessDate),
      decide: (state, facts) => decideOrderPayment(command, state, facts),
    });
  }
}
