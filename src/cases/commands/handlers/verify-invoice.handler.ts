import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { decideVerifyInvoice, VerifyInvoice } from '../../domain/invoice.decisions';
import { CaseStore } from '../case-store';
import { VerifyInvoiceCommand } from '../case.commands';
import { invoiceFacts } from './invoice-facts';

@CommandHandler(VerifyInvoiceCommand)
export class VerifyInvoiceHandler implements ICommandHandler<VerifyInvoiceCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, invoiceId, dto }: VerifyInvoiceCommand) {
    const dated = onBusinessDate(ctx, dto.businessDate);
    const command: VerifyInvoice = { invoiceId, step: dto.step, verifiedBy: ctx.actor.userId, businessDate: dated.businessDate };
    return this.cases.handle(dated, caseRef, {
      facts: (state) => invoiceFacts(this.cases, ctx.tenantId, state, invoiceId, command.businessDate),
      decide: (state, facts) => decideVerifyInvoice(command, state, facts),
    });
  }
}
