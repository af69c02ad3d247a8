import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { DomainError } from '../../../../libs/ddd/domain-error';
import { CaseState } from '../../domain/case-state';
import {
  decideOrderPayment,
  decideRejectInvoice,
  decideReversePayment,
  decideSubmitInvoice,
  decideVerifyInvoice,
  SubmitInvoice,
  VerifyInvoice,
} from '../../domain/invoice.decisions';
import { ClaimKostenerstattung, FixKostenbeitrag, decideClaimKostenerstattung, decideFixKostenbeitrag } from '../../domain/revenue.decisions';
import { CaseStore } from '../case-store';
import {
  ClaimKostenerstattungCommand,
  FixKostenbeitragCommand,
  OrderPaymentCommand,
  RejectInvoiceCommand,
  ReversePaymentCommand,
  SubmitInvoiceCommand,
  VerifyInvoiceCommand,
} from '../case.commands';

/** The closed years a decision on an invoice may concern: its approval's years, its service month and the date. */
async function invoiceFacts(cases: CaseStore, tenantId: string, state: CaseState, invoiceId: string, businessDate: string) {
  const invoice = state.invoices[invoiceId];
  return { closedYears: await cases.closedYears(tenantId, state, [invoice?.approvalId], [businessDate, invoice?.serviceMonth]) };
}

@CommandHandler(SubmitInvoiceCommand)
export class SubmitInvoiceHandler implements ICommandHandler<SubmitInvoiceCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, approvalId, dto }: SubmitInvoiceCommand) {
    if (!ctx.providerId) throw new DomainError('forbidden', 'Forbidden', 'invoices are submitted by provider users with a provider claim', 403);
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

@CommandHandler(RejectInvoiceCommand)
export class RejectInvoiceHandler implements ICommandHandler<RejectInvoiceCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, invoiceId, dto }: RejectInvoiceCommand) {
    const dated = onBusinessDate(ctx, dto.businessDate);
    const command = { invoiceId, reason: dto.reason, businessDate: dated.businessDate };
    return this.cases.handle(dated, caseRef, {
      facts: (state) => invoiceFacts(this.cases, ctx.tenantId, state, invoiceId, command.businessDate),
      decide: (state, facts) => decideRejectInvoice(command, state, facts),
    });
  }
}

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

@CommandHandler(ReversePaymentCommand)
export class ReversePaymentHandler implements ICommandHandler<ReversePaymentCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, invoiceId, dto }: ReversePaymentCommand) {
    const dated = onBusinessDate(ctx, dto.businessDate);
    const command = { invoiceId, reason: dto.reason, businessDate: dated.businessDate };
    return this.cases.handle(dated, caseRef, {
      facts: (state) => invoiceFacts(this.cases, ctx.tenantId, state, invoiceId, command.businessDate),
      decide: (state, facts) => decideReversePayment(command, state, facts),
    });
  }
}

@CommandHandler(FixKostenbeitragCommand)
export class FixKostenbeitragHandler implements ICommandHandler<FixKostenbeitragCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, dto }: FixKostenbeitragCommand) {
    const dated = onBusinessDate(ctx, dto.businessDate);
    const command: FixKostenbeitrag = {
      approvalId: dto.approvalId,
      monthlyAmount: dto.monthlyAmount,
      from: dto.from,
      to: dto.to ?? null,
      businessDate: dated.businessDate,
    };
    return this.cases.handle(dated, caseRef, {
      facts: async (state) => ({
        closedYears: await this.cases.closedYears(ctx.tenantId, state, [command.approvalId], [command.businessDate, command.from, command.to]),
      }),
      decide: (state, facts) => decideFixKostenbeitrag(command, state, facts),
    });
  }
}

@CommandHandler(ClaimKostenerstattungCommand)
export class ClaimKostenerstattungHandler implements ICommandHandler<ClaimKostenerstattungCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, dto }: ClaimKostenerstattungCommand) {
    const dated = onBusinessDate(ctx, dto.businessDate);
    const command: ClaimKostenerstattung = { ...dto, businessDate: dated.businessDate };
    return this.cases.handle(dated, caseRef, {
      facts: async (state) => ({
        closedYears: await this.cases.closedYears(ctx.tenantId, state, [command.approvalId], [command.businessDate, command.serviceMonth]),
      }),
      decide: (state, facts) => decideClaimKostenerstattung(command, state, facts),
    });
  }
}
