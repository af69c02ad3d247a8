import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { decideReversePayment } from '../../domain/invoice.decisions';
import { CaseStore } from '../case-store';
import { SealedTexts, textSubjects } from '../../../privacy';
import { ReversePaymentCommand } from '../case.commands';
import { invoiceFacts } from './invoice-facts';

@CommandHandler(ReversePaymentCommand)
export class ReversePaymentHandler implements ICommandHandler<ReversePaymentCommand> {
  constructor(
    private readonly cases: CaseStore,
    private readonly texts: SealedTexts,
  ) {}

  async execute({ ctx, caseRef, invoiceId, dto }: ReversePaymentCommand) {
    const dated = onBusinessDate(ctx, dto.businessDate);
    const { reason } = await this.texts.sealFields(ctx.tenantId, textSubjects.case(caseRef), dto, ['reason']);
    const command = { invoiceId, reason, businessDate: dated.businessDate };
    return this.cases.handle(dated, caseRef, {
      facts: (state) => invoiceFacts(this.cases, ctx.tenantId, state, invoiceId, command.businessDate),
      decide: (state, facts) => decideReversePayment(command, state, facts),
    });
  }
}
