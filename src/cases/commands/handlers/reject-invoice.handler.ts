import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { decideRejectInvoice } from '../../domain/invoice.decisions';
import { CaseStore } from '../case-store';
import { SealedTexts, textSubjects } from '../../../privacy';
import { RejectInvoiceCommand } from '../case.commands';
import { invoiceFacts } from './invoice-facts';

@CommandHandler(RejectInvoiceCommand)
export class RejectInvoiceHandler implements ICommandHandler<RejectInvoiceCommand> {
  constructor(
    private readonly cases: CaseStore,
    private readonly texts: SealedTexts,
  ) {}

  async execute({ ctx, caseRef, invoiceId, dto }: RejectInvoiceCommand) {
    const dated = onBusinessDate(ctx, dto.businessDate);
    const { reason } = await this.texts.sealFields(ctx.tenantId, textSubjects.case(caseRef), dto, ['reason']);
    const command = { invoiceId, reason, businessDate: dated.businessDate };
    return this.cases.handle(dated, caseRef, {
      facts: (state) => invoiceFacts(this.cases, ctx.tenantId, state, invoiceId, command.businessDate),
      decide: (state, facts) => decideRejectInvoice(command, state, facts),
    });
  }
}
