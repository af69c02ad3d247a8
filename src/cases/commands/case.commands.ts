import { CommandContext } from '../../../libs/ddd/command-context';
import {
  ChangeScopeDto,
  ClaimKostenerstattungDto,
  ExtendApprovalDto,
  FixKostenbeitragDto,
  GrantApprovalDto,
  OpenCaseDto,
  ReasonedDto,
  SubmitInvoiceDto,
  TerminateApprovalDto,
  VerifyInvoiceDto,
} from './case.dtos';

export class OpenCaseCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly dto: OpenCaseDto,
  ) {}
}
export class GrantApprovalCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly caseRef: string,
    readonly dto: GrantApprovalDto,
  ) {}
}
export class ExtendApprovalCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly caseRef: string,
    readonly approvalId: string,
    readonly dto: ExtendApprovalDto,
  ) {}
}
export class ChangeScopeCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly caseRef: string,
    readonly approvalId: string,
    readonly dto: ChangeScopeDto,
  ) {}
}
export class TerminateApprovalCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly caseRef: string,
    readonly approvalId: string,
    readonly dto: TerminateApprovalDto,
  ) {}
}
export class SubmitInvoiceCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly caseRef: string,
    readonly approvalId: string,
    readonly dto: SubmitInvoiceDto,
  ) {}
}
export class VerifyInvoiceCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly caseRef: string,
    readonly invoiceId: string,
    readonly dto: VerifyInvoiceDto,
  ) {}
}
export class RejectInvoiceCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly caseRef: string,
    readonly invoiceId: string,
    readonly dto: ReasonedDto,
  ) {}
}
export class OrderPaymentCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly caseRef: string,
    readonly invoiceId: string,
    readonly businessDate?: string,
  ) {}
}
export class ReversePaymentCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly caseRef: string,
    readonly invoiceId: string,
    readonly dto: ReasonedDto,
  ) {}
}
export class FixKostenbeitragCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly caseRef: string,
    readonly dto: FixKostenbeitragDto,
  ) {}
}
export class ClaimKostenerstattungCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly caseRef: string,
    readonly dto: ClaimKostenerstattungDto,
  ) {}
}
/** An invoice received as XRechnung (UBL or CII): read, checked and recorded as SubmitInvoice would. */
export class SubmitXRechnungCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly caseRef: string,
    readonly approvalId: string,
    readonly xml: string,
  ) {}
}
