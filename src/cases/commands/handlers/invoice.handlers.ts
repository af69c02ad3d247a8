import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '../../../../libs/ddd/domain-error';
import { decideOrderPayment, decideRejectInvoice, decideReversePayment, decideSubmitInvoice, decideVerifyInvoice } from '../../domain/invoice.decisions';
import { decideClaimKostenerstattung, decideFixKostenbeitrag } from '../../domain/revenue.decisions';
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

@CommandHandler(SubmitInvoiceCommand)
export class SubmitInvoiceHandler implements ICommandHandler<SubmitInvoiceCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, approvalId, dto }: SubmitInvoiceCommand) {
    if (!ctx.providerId) throw new DomainError('forbidden', 'Forbidden', 'invoices are submitted by provider users with a provider claim', 403);
    return this.cases.handle(ctx, caseRef, dto.businessDate, (state, decision, dated) =>
      decideSubmitInvoice({ approvalId, providerId: ctx.providerId!, submittedOn: dated.businessDate, serviceMonth: dto.serviceMonth, quantity: dto.quantity, invoiceNumber: dto.invoiceNumber, leitwegId: dto.leitwegId }, state, decision),
    );
  }
}

@CommandHandler(VerifyInvoiceCommand)
export class VerifyInvoiceHandler implements ICommandHandler<VerifyInvoiceCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, invoiceId, dto }: VerifyInvoiceCommand) {
    return this.cases.handle(ctx, caseRef, dto.businessDate, (state, decision, c) =>
      decideVerifyInvoice({ invoiceId, step: dto.step, verifiedBy: ctx.actor.userId, businessDate: c.businessDate }, state, decision),
    );
  }
}

@CommandHandler(RejectInvoiceCommand)
export class RejectInvoiceHandler implements ICommandHandler<RejectInvoiceCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, invoiceId, dto }: RejectInvoiceCommand) {
    return this.cases.handle(ctx, caseRef, dto.businessDate, (state) => decideRejectInvoice({ invoiceId, reason: dto.reason }, state));
  }
}

@CommandHandler(OrderPaymentCommand)
export class OrderPaymentHandler implements ICommandHandler<OrderPaymentCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, invoiceId, businessDate }: OrderPaymentCommand) {
    return this.cases.handle(ctx, caseRef, businessDate, (state, decision, c) => decideOrderPayment({ invoiceId, businessDate: c.businessDate }, state, decision));
  }
}

@CommandHandler(ReversePaymentCommand)
export class ReversePaymentHandler implements ICommandHandler<ReversePaymentCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, invoiceId, dto }: ReversePaymentCommand) {
    return this.cases.handle(ctx, caseRef, dto.businessDate, (state, decision, c) =>
      decideReversePayment({ invoiceId, reason: dto.reason, businessDate: c.businessDate }, state, decision),
    );
  }
}

@CommandHandler(FixKostenbeitragCommand)
export class FixKostenbeitragHandler implements ICommandHandler<FixKostenbeitragCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, dto }: FixKostenbeitragCommand) {
    return this.cases.handle(ctx, caseRef, dto.businessDate, (state, decision, c) =>
      decideFixKostenbeitrag({ approvalId: dto.approvalId, monthlyAmount: dto.monthlyAmount, from: dto.from, to: dto.to ?? null, businessDate: c.businessDate }, state, decision),
    );
  }
}

@CommandHandler(ClaimKostenerstattungCommand)
export class ClaimKostenerstattungHandler implements ICommandHandler<ClaimKostenerstattungCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, dto }: ClaimKostenerstattungCommand) {
    return this.cases.handle(ctx, caseRef, dto.businessDate, (state, decision, c) => decideClaimKostenerstattung({ ...dto, businessDate: c.businessDate }, state, decision));
  }
}
