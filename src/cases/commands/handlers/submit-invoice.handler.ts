import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { refuse } from '../../../../libs/ddd/domain-error';
import { AUTH_PROBLEMS } from '../../../../libs/auth/auth-problems';
import { text } from '../../../../libs/text/text';
import { decideSubmitInvoice, SubmitInvoice } from '../../domain/invoice.decisions';
import { CaseStore } from '../case-store';
import { SubmitInvoiceCommand } from '../case.commands';

@CommandHandler(SubmitInvoiceCommand)
export class SubmitInvoiceHandler implements ICommandHandler<SubmitInvoiceCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, approvalId, dto }: SubmitInvoiceCommand) {
    if (!ctx.providerId)
      refuse(
        AUTH_PROBLEMS.forbidden,
        text(
          'Rechnungen reichen nur Nutzer eines Trägers ein; die Anmeldung nennt keinen Träger.',
          'Invoices are submitted by provider users with a provider claim.',
        ),
      );
    const dated = onBusinessDate(ctx, dto.businessDate);
    const command: SubmitInvoice = {
      approvalId,
      providerId: ctx.providerId,
      submittedOn: dated.businessDate,
      serviceMonth: dto.serviceMonth,
      quantity: dto.quantity,
      invoiceNumber: dto.invoiceNumber,
      leitwegId: dto.leitwegId,
    };
    return this.cases.handle(dated, caseRef, {
      facts: async (state) => ({ closedYears: await this.cases.closedYears(ctx.tenantId, state, [approvalId], [command.submittedOn, command.serviceMonth]) }),
      decide: (state, facts) => decideSubmitInvoice(command, state, facts),
    });
  }
}
