import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { NotFound } from '../../libs/ddd/domain-error';
import { yearOf } from '../../libs/calendar';
import { PatternPipe } from '../../libs/http/param-pipes';
import { CASE_REF_MESSAGE, CASE_REF_PATTERN } from '../shared/identifiers';
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
} from './commands/case.dtos';
import {
  ChangeScopeCommand,
  ClaimKostenerstattungCommand,
  ExtendApprovalCommand,
  FixKostenbeitragCommand,
  GrantApprovalCommand,
  OpenCaseCommand,
  OrderPaymentCommand,
  RejectInvoiceCommand,
  ReversePaymentCommand,
  SubmitInvoiceCommand,
  TerminateApprovalCommand,
  VerifyInvoiceCommand,
} from './commands/case.commands';
import { CaseStore } from './commands/case-store';
import { CaseState } from './domain/case-state';
import { CommandBaseDto } from '../../libs/http/command-base.dto';
import { caseView } from './queries/case-view';

const caseParam = new PatternPipe('caseRef', CASE_REF_PATTERN, CASE_REF_MESSAGE);
const approvalParam = new PatternPipe('approvalId', /^[A-Z]{1,6}-\d{2}-\d{3,5}-B\d{1,4}$/, 'must be an approval id such as TW-25-001-B1');
const invoiceParam = new PatternPipe('invoiceId', /^[A-Z]{1,6}-\d{2}-\d{3,5}-B\d{1,4}-R\d{1,4}$/, 'must be an invoice id such as TW-25-001-B1-R1');

function notFound(caseRef: string): never {
  throw new NotFound('case-not-found', `case ${caseRef} was not found`);
}

@ApiTags('Einzelfallhilfen')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly cases: CaseStore,
  ) {}

  /** The case as the caller may see it: a provider only with its own approvals (else 404). */
  private view(ctx: CommandContext, state: CaseState, version: number, caseRef: string) {
    if (state.caseRef === null) notFound(caseRef);
    const providerId = ctx.actor.role === 'provider' ? (ctx.providerId ?? '\u0000') : undefined;
    const view = caseView(state, version, yearOf(ctx.businessDate), providerId);
    if (providerId && view.approvals.length === 0) notFound(caseRef);
    return view;
  }

  private async run(ctx: CommandContext, caseRef: string, command: object) {
    const handled = await this.commands.execute(command);
    return this.view(ctx, handled.state, handled.version, caseRef);
  }

  @Post()
  @ApiOperation({ summary: 'Open a case: pseudonymous reference and Sozialraum of the gewöhnlicher Aufenthalt (no personal data)' })
  async open(@Ctx() ctx: CommandContext, @Body() dto: OpenCaseDto) {
    return this.run(ctx, dto.caseRef, new OpenCaseCommand(ctx, dto));
  }

  @Get(':caseRef')
  @ApiOperation({ summary: 'A case with its approvals: period, rate, classification, committed, invoiced, actual, open commitment, Vorbelastungen, invoices' })
  async get(@Ctx() ctx: CommandContext, @Param('caseRef', caseParam) caseRef: string) {
    const { state, version } = await this.cases.load(ctx.tenantId, caseRef);
    return this.view(ctx, state, version, caseRef);
  }

  @Post(':caseRef/approvals')
  @ApiOperation({ summary: 'Bewilligung: never refused for budget reasons (R8); commits the expected expenditure per fiscal year (R5), classified per R1' })
  async grant(@Ctx() ctx: CommandContext, @Param('caseRef', caseParam) caseRef: string, @Body() dto: GrantApprovalDto) {
    return this.run(ctx, caseRef, new GrantApprovalCommand(ctx, caseRef, dto));
  }

  @Post(':caseRef/approvals/:approvalId/extension')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Extend an approval to a later end (or make it open-ended), optionally with a new scope (hours, rate, provider) for the extended period; one decision, the added months are committed at that scope',
  })
  async extend(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('approvalId', approvalParam) approvalId: string,
    @Body() dto: ExtendApprovalDto,
  ) {
    return this.run(ctx, caseRef, new ExtendApprovalCommand(ctx, caseRef, approvalId, dto));
  }

  @Post(':caseRef/approvals/:approvalId/scope-changes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change hours, rate or provider from a date; commitments follow' })
  async changeScope(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('approvalId', approvalParam) approvalId: string,
    @Body() dto: ChangeScopeDto,
  ) {
    return this.run(ctx, caseRef, new ChangeScopeCommand(ctx, caseRef, approvalId, dto));
  }

  @Post(':caseRef/approvals/:approvalId/termination')
  @HttpCode(200)
  @ApiOperation({ summary: 'Terminate (planmaessig, abbruch, zustaendigkeitswechsel) with an effective end; later commitments are released' })
  async terminate(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('approvalId', approvalParam) approvalId: string,
    @Body() dto: TerminateApprovalDto,
  ) {
    return this.run(ctx, caseRef, new TerminateApprovalCommand(ctx, caseRef, approvalId, dto));
  }

  @Post(':caseRef/approvals/:approvalId/invoices')
  @ApiOperation({ summary: 'A provider invoices a service month (R4: inside the period, at most approved, once per month)' })
  async invoice(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('approvalId', approvalParam) approvalId: string,
    @Body() dto: SubmitInvoiceDto,
  ) {
    return this.run(ctx, caseRef, new SubmitInvoiceCommand(ctx, caseRef, approvalId, dto));
  }

  @Post(':caseRef/invoices/:invoiceId/verifications')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sachlich richtig, then rechnerisch richtig by another person (Vier-Augen-Prinzip)' })
  async verify(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('invoiceId', invoiceParam) invoiceId: string,
    @Body() dto: VerifyInvoiceDto,
  ) {
    return this.run(ctx, caseRef, new VerifyInvoiceCommand(ctx, caseRef, invoiceId, dto));
  }

  @Post(':caseRef/invoices/:invoiceId/rejection')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject an invoice awaiting verification, with reason' })
  async reject(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('invoiceId', invoiceParam) invoiceId: string,
    @Body() dto: ReasonedDto,
  ) {
    return this.run(ctx, caseRef, new RejectInvoiceCommand(ctx, caseRef, invoiceId, dto));
  }

  @Post(':caseRef/invoices/:invoiceId/payment-order')
  @HttpCode(200)
  @ApiOperation({ summary: 'Zahlungsanordnung: the verified invoice becomes actual expenditure of its service month' })
  async pay(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('invoiceId', invoiceParam) invoiceId: string,
    @Body() dto: CommandBaseDto,
  ) {
    return this.run(ctx, caseRef, new OrderPaymentCommand(ctx, caseRef, invoiceId, dto.businessDate));
  }

  @Post(':caseRef/invoices/:invoiceId/reversal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Storno of a payment with reason; the commitment of the month is re-opened' })
  async reverse(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('invoiceId', invoiceParam) invoiceId: string,
    @Body() dto: ReasonedDto,
  ) {
    return this.run(ctx, caseRef, new ReversePaymentCommand(ctx, caseRef, invoiceId, dto));
  }

  @Post(':caseRef/kostenbeitraege')
  @ApiOperation({ summary: 'Kostenbeitrag: monthly amount from a date; revenue reported beside the budget (R2)' })
  async kostenbeitrag(@Ctx() ctx: CommandContext, @Param('caseRef', caseParam) caseRef: string, @Body() dto: FixKostenbeitragDto) {
    return this.run(ctx, caseRef, new FixKostenbeitragCommand(ctx, caseRef, dto));
  }

  @Post(':caseRef/kostenerstattungen')
  @ApiOperation({ summary: 'Kostenerstattung claimed from another Jugendamt; revenue, never reducing consumption (R2)' })
  async kostenerstattung(@Ctx() ctx: CommandContext, @Param('caseRef', caseParam) caseRef: string, @Body() dto: ClaimKostenerstattungDto) {
    return this.run(ctx, caseRef, new ClaimKostenerstattungCommand(ctx, caseRef, dto));
  }
}
