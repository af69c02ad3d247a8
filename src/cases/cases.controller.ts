import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { yearOf } from '../../libs/calendar';
import { Handled } from '../../libs/ddd/aggregate-store';
import { Operation } from '../../libs/http/contract/operation.decorator';
import { Static } from '../../libs/http/contract/schema-types';
import { PatternPipe } from '../../libs/http/param-pipes';
import { text } from '../../libs/text/text';
import { AUTH_PROBLEMS } from '../../libs/auth/auth-problems';
import { SHARED_PROBLEMS } from '../shared/shared-problems';
import { CASE_PROBLEMS } from './cases.problems';
import { ApprovedMonth, CaseView, CaseViewWithApproval, CaseViewWithInvoice, CaseViewWithKostenbeitrag, CaseViewWithKostenerstattung } from './cases.schemas';
import { CASE_REF_PATTERN, CASE_REF_TEXT } from '../shared/identifiers';
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
import { CaseStore, caseNotFound } from './commands/case-store';
import { CaseState } from './domain/case-state';
import { CaseStreamEvent } from './domain/case.events';
import { CommandBaseDto } from '../../libs/http/command-base.dto';
import { caseView } from './queries/case-view';
import { approvedMonthView } from './queries/approved-month';
import { PRIVACY_PROBLEMS } from '../privacy';

const caseParam = new PatternPipe('caseRef', CASE_REF_PATTERN, CASE_REF_TEXT);
const approvalParam = new PatternPipe(
  'approvalId',
  /^[A-Z]{1,6}-\d{2}-\d{3,5}-B\d{1,4}$/,
  text('muss die Kennung einer Bewilligung wie TW-25-001-B1 sein.', 'must be an approval id such as TW-25-001-B1.'),
);
const invoiceParam = new PatternPipe(
  'invoiceId',
  /^[A-Z]{1,6}-\d{2}-\d{3,5}-B\d{1,4}-R\d{1,4}$/,
  text('muss die Kennung einer Rechnung wie TW-25-001-B1-R1 sein.', 'must be an invoice id such as TW-25-001-B1-R1.'),
);

const monthParam = new PatternPipe('serviceMonth', /^\d{4}-(0[1-9]|1[0-2])$/, text('muss ein Monat wie 2025-03 sein.', 'must be a month such as 2025-03.'));

type HandledCase = Handled<CaseState, CaseStreamEvent>;

const P = CASE_PROBLEMS;
const S = SHARED_PROBLEMS;
/** What every decision on an existing case can meet: the case is unknown (or not the caller's), or its year is closed. */
const ON_A_CASE = [P['case-not-found'], S['fiscal-year-closed']];
/** What a decision on one approval can meet besides. */
const ON_AN_APPROVAL = [...ON_A_CASE, P['approval-not-found']];
/** What a decision on one invoice can meet besides. */
const ON_AN_INVOICE = [...ON_A_CASE, P['invoice-not-found']];
/** What a new scope (rate, hours, provider) of an approval is checked for. */
const SCOPE = [
  S['provider-not-registered'],
  P['rate-required'],
  P['rate-reason-required'],
  S['amount-not-positive'],
  P['hours-not-applicable'],
  P['hours-required'],
  P['hours-not-positive'],
];

/** A command with free text (sealed with the case's key) meets an erased case. */
const FREE_TEXT = [PRIVACY_PROBLEMS['texts-erased']];

/** The id a decision created, from the event that records it. */
function createdId(handled: HandledCase, idOf: (event: CaseStreamEvent) => string | undefined): string {
  for (const event of handled.events) {
    const id = idOf(event);
    if (id !== undefined) return id;
  }
  throw new Error('the decision recorded nothing it created');
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
  private view(ctx: CommandContext, state: CaseState, version: number, caseRef: string): Static<typeof CaseView> {
    if (state.caseRef === null) caseNotFound(caseRef);
    const providerId = ctx.actor.role === 'provider' ? (ctx.providerId ?? '\u0000') : undefined;
    const view = caseView(state, version, yearOf(ctx.businessDate), providerId);
    if (providerId && view.approvals.length === 0) caseNotFound(caseRef);
    return view;
  }

  private async decide(command: object): Promise<HandledCase> {
    return this.commands.execute(command);
  }

  private async run(ctx: CommandContext, caseRef: string, command: object): Promise<Static<typeof CaseView>> {
    const handled = await this.decide(command);
    return this.view(ctx, handled.state, handled.version, caseRef);
  }

  @Post()
  @Operation({
    summary: 'Fall anlegen',
    description:
      'Legt einen Fall mit pseudonymem Fallzeichen und dem Sozialraum des gewöhnlichen Aufenthalts an (CaseOpened); personenbezogene Daten werden nicht erfasst.',
    answer: { status: 201, schema: CaseView, location: '/cases/{caseRef}' },
    refusals: [P['sozialraum-not-registered'], P['case-exists']],
  })
  async open(@Ctx() ctx: CommandContext, @Body() dto: OpenCaseDto): Promise<Static<typeof CaseView>> {
    return this.run(ctx, dto.caseRef, new OpenCaseCommand(ctx, dto));
  }

  @Get(':caseRef')
  @Operation({
    summary: 'Einen Fall mit seinen Bewilligungen lesen',
    description:
      'Der Fall mit seinen Bewilligungen: Zeitraum, Entgelt, Zuordnung (R1), je Haushaltsjahr Bindung, Abgerechnetes, Ist und offene Bindung (R5), Vorbelastungen späterer Jahre, Rechnungen, Kostenbeiträge und Kostenerstattungen (R2). Träger sehen nur ihre eigenen Bewilligungen und keine Erträge. Reihenfolge: wie auf dem Fall erfasst (B1, B2, …; R1, R2, …; KB1, …; KE1, …), Haushaltsjahre aufsteigend.',
    answer: { status: 200, schema: CaseView },
    refusals: [P['case-not-found']],
  })
  async get(@Ctx() ctx: CommandContext, @Param('caseRef', caseParam) caseRef: string): Promise<Static<typeof CaseView>> {
    const { state, version } = await this.cases.load(ctx.tenantId, caseRef);
    return this.view(ctx, state, version, caseRef);
  }

  @Post(':caseRef/approvals')
  @Operation({
    summary: 'Hilfe bewilligen',
    description:
      'Bucht eine Bewilligung (ApprovalGranted) mit dem Entgelt der geltenden Entgeltvereinbarung oder einem begründeten abweichenden Entgelt, zugeordnet nach dem Budgetvertrag am Bescheiddatum (R1), und bindet die erwarteten Ausgaben je Haushaltsjahr am Bescheiddatum (R5, CommitmentRecorded). Eine Bewilligung wird nie aus Budgetgründen abgelehnt (R8).',
    answer: { status: 201, schema: CaseViewWithApproval, location: '/cases/{caseRef}' },
    refusals: [...FREE_TEXT, ...ON_A_CASE, ...SCOPE, S['invalid-period']],
  })
  async grant(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Body() dto: GrantApprovalDto,
  ): Promise<Static<typeof CaseViewWithApproval>> {
    const handled = await this.decide(new GrantApprovalCommand(ctx, caseRef, dto));
    const approvalId = createdId(handled, (e) => (e.type === 'ApprovalGranted' ? e.data.approvalId : undefined));
    return { ...this.view(ctx, handled.state, handled.version, caseRef), approvalId };
  }

  @Post(':caseRef/approvals/:approvalId/extension')
  @HttpCode(200)
  @Operation({
    summary: 'Bewilligung verlängern',
    description:
      'Verlängert eine Bewilligung bis zu einem späteren Ende oder macht sie unbefristet (ApprovalExtended), auf Wunsch mit neuem Umfang (Stunden, Entgelt, Träger) für den verlängerten Zeitraum: ein Bescheid, eine Entscheidung. Die hinzukommenden Monate werden zu diesem Umfang gebunden (R5); ein monatliches Entgelt gilt je Kalendermonat (R3), die Zuordnung (R1) bleibt.',
    answer: { status: 200, schema: CaseView },
    refusals: [
      ...FREE_TEXT,
      ...ON_AN_APPROVAL,
      ...SCOPE,
      P['approval-terminated'],
      P['already-open-ended'],
      P['not-an-extension'],
      P['change-not-at-month-start'],
      P['classification-would-change'],
    ],
  })
  async extend(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('approvalId', approvalParam) approvalId: string,
    @Body() dto: ExtendApprovalDto,
  ): Promise<Static<typeof CaseView>> {
    return this.run(ctx, caseRef, new ExtendApprovalCommand(ctx, caseRef, approvalId, dto));
  }

  @Post(':caseRef/approvals/:approvalId/scope-changes')
  @HttpCode(200)
  @Operation({
    summary: 'Umfang einer Bewilligung ändern',
    description:
      'Ändert Stunden, Entgelt oder Träger ab einem Tag (ApprovalScopeChanged); bei Monatspauschale und Fachleistungsstunden zum Monatsersten (R3). Die Bindungen ab diesem Tag folgen (R5, CommitmentRecorded/CommitmentReleased); schon abgerechnete Monate sind zuerst zu stornieren oder zurückzuweisen, die Zuordnung (R1) bleibt.',
    answer: { status: 200, schema: CaseView },
    refusals: [
      ...FREE_TEXT,
      ...ON_AN_APPROVAL,
      ...SCOPE,
      P['approval-terminated'],
      P['outside-approved-period'],
      P['change-not-at-month-start'],
      P['months-already-invoiced'],
      P['classification-would-change'],
    ],
  })
  async changeScope(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('approvalId', approvalParam) approvalId: string,
    @Body() dto: ChangeScopeDto,
  ): Promise<Static<typeof CaseView>> {
    return this.run(ctx, caseRef, new ChangeScopeCommand(ctx, caseRef, approvalId, dto));
  }

  @Post(':caseRef/approvals/:approvalId/termination')
  @HttpCode(200)
  @Operation({
    summary: 'Bewilligung beenden',
    description:
      'Beendet eine Bewilligung planmäßig, durch Abbruch oder Zuständigkeitswechsel zu einem Ende (ApprovalTerminated); die Bindungen danach werden freigegeben (R5, CommitmentReleased). Schon abgerechnete Leistungen nach dem Ende sind zuerst zu stornieren oder zurückzuweisen.',
    answer: { status: 200, schema: CaseView },
    refusals: [...FREE_TEXT, ...ON_AN_APPROVAL, P['approval-terminated'], S['invalid-period'], P['not-a-termination'], P['months-already-invoiced']],
  })
  async terminate(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('approvalId', approvalParam) approvalId: string,
    @Body() dto: TerminateApprovalDto,
  ): Promise<Static<typeof CaseView>> {
    return this.run(ctx, caseRef, new TerminateApprovalCommand(ctx, caseRef, approvalId, dto));
  }

  @Get(':caseRef/approvals/:approvalId/months/:serviceMonth')
  @Operation({
    summary: 'Was ein Leistungsmonat abzurechnen erlaubt',
    description:
      'Je Träger die bewilligten Fachleistungsstunden oder Anwesenheitstage des Leistungsmonats und der bewilligte Betrag (R3), die Obergrenze einer Rechnung (R4), und die Rechnung, die den Monat schon abrechnet. Leer außerhalb des Bewilligungszeitraums. Träger sehen nur den eigenen Anteil; eine Bewilligung, die sie nicht erbringen, ist für sie nicht vorhanden.',
    answer: { status: 200, schema: ApprovedMonth },
    refusals: [P['case-not-found'], P['approval-not-found']],
  })
  async approvedMonth(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('approvalId', approvalParam) approvalId: string,
    @Param('serviceMonth', monthParam) serviceMonth: string,
  ): Promise<Static<typeof ApprovedMonth>> {
    const { state } = await this.cases.load(ctx.tenantId, caseRef);
    if (state.caseRef === null) caseNotFound(caseRef);
    return approvedMonthView(state, approvalId, serviceMonth, ctx.actor.role === 'provider' ? (ctx.providerId ?? '\u0000') : undefined);
  }

  @Post(':caseRef/approvals/:approvalId/invoices')
  @Operation({
    summary: 'Rechnung für einen Leistungsmonat einreichen',
    description:
      'Ein Träger rechnet einen Leistungsmonat einer Bewilligung ab (InvoiceSubmitted): innerhalb des Bewilligungszeitraums, höchstens das Bewilligte, einmal je Monat (R4). Der Betrag ergibt sich aus der Bewilligung: Stunden × Stundensatz, die ersten bewilligten Tage zu ihren Tagessätzen oder die Monatspauschale; was darüber hinausgeht, wird abgelehnt.',
    answer: { status: 201, schema: CaseViewWithInvoice, location: '/cases/{caseRef}' },
    refusals: [
      ...ON_AN_APPROVAL,
      AUTH_PROBLEMS.forbidden,
      P['outside-approved-period'],
      P['service-month-not-begun'],
      P['month-already-invoiced'],
      P['quantity-not-applicable'],
      P['quantity-required'],
      P['quantity-not-positive'],
      P['days-not-whole'],
      P['invoice-exceeds-approval'],
    ],
  })
  async invoice(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('approvalId', approvalParam) approvalId: string,
    @Body() dto: SubmitInvoiceDto,
  ): Promise<Static<typeof CaseViewWithInvoice>> {
    const handled = await this.decide(new SubmitInvoiceCommand(ctx, caseRef, approvalId, dto));
    const invoiceId = createdId(handled, (e) => (e.type === 'InvoiceSubmitted' ? e.data.invoiceId : undefined));
    return { ...this.view(ctx, handled.state, handled.version, caseRef), invoiceId };
  }

  @Post(':caseRef/invoices/:invoiceId/verifications')
  @HttpCode(200)
  @Operation({
    summary: 'Rechnung prüfen (sachlich, dann rechnerisch richtig)',
    description:
      'Bucht einen Prüfschritt (InvoiceVerified): zuerst sachlich richtig, dann rechnerisch richtig durch eine andere Person (Vier-Augen-Prinzip, R4). Mit dem zweiten Schritt ist die Rechnung geprüft; ist sie niedriger als die Bindung des Monats, wird der Unterschied freigegeben (R5, CommitmentReleased).',
    answer: { status: 200, schema: CaseView },
    refusals: [...ON_AN_INVOICE, P['invoice-not-awaiting-verification'], P['wrong-verification-step'], P['four-eyes-principle']],
  })
  async verify(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('invoiceId', invoiceParam) invoiceId: string,
    @Body() dto: VerifyInvoiceDto,
  ): Promise<Static<typeof CaseView>> {
    return this.run(ctx, caseRef, new VerifyInvoiceCommand(ctx, caseRef, invoiceId, dto));
  }

  @Post(':caseRef/invoices/:invoiceId/rejection')
  @HttpCode(200)
  @Operation({
    summary: 'Rechnung zurückweisen',
    description:
      'Weist eine Rechnung, die auf Prüfung wartet, mit Begründung zurück (InvoiceRejected). Gebucht wird nichts; das ist auch möglich, wenn das Haushaltsjahr des Leistungsmonats abgeschlossen ist, nicht aber mit einem Datum in einem abgeschlossenen Jahr.',
    answer: { status: 200, schema: CaseView },
    refusals: [...FREE_TEXT, ...ON_AN_INVOICE, P['invoice-not-rejectable']],
  })
  async reject(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('invoiceId', invoiceParam) invoiceId: string,
    @Body() dto: ReasonedDto,
  ): Promise<Static<typeof CaseView>> {
    return this.run(ctx, caseRef, new RejectInvoiceCommand(ctx, caseRef, invoiceId, dto));
  }

  @Post(':caseRef/invoices/:invoiceId/payment-order')
  @HttpCode(200)
  @Operation({
    summary: 'Zahlung einer geprüften Rechnung anordnen',
    description:
      'Zahlungsanordnung: Die geprüfte Rechnung wird Ist-Ausgabe ihres Leistungsmonats (R3, R4; PaymentOrdered, ExpenditureAccrued) und verbraucht die Bindung (R5).',
    answer: { status: 200, schema: CaseView },
    refusals: [...ON_AN_INVOICE, P['invoice-not-verified']],
  })
  async pay(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('invoiceId', invoiceParam) invoiceId: string,
    @Body() dto: CommandBaseDto,
  ): Promise<Static<typeof CaseView>> {
    return this.run(ctx, caseRef, new OrderPaymentCommand(ctx, caseRef, invoiceId, dto.businessDate));
  }

  @Post(':caseRef/invoices/:invoiceId/reversal')
  @HttpCode(200)
  @Operation({
    summary: 'Zahlung stornieren',
    description:
      'Storniert die Zahlung einer bezahlten Rechnung mit Begründung (PaymentReversed, ExpenditureReversed); die Bindung des Monats wird in bewilligter Höhe wieder eröffnet (R5, CommitmentRecorded). Danach kann der Monat neu abgerechnet werden.',
    answer: { status: 200, schema: CaseView },
    refusals: [...FREE_TEXT, ...ON_AN_INVOICE, P['invoice-not-paid']],
  })
  async reverse(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('invoiceId', invoiceParam) invoiceId: string,
    @Body() dto: ReasonedDto,
  ): Promise<Static<typeof CaseView>> {
    return this.run(ctx, caseRef, new ReversePaymentCommand(ctx, caseRef, invoiceId, dto));
  }

  @Post(':caseRef/kostenbeitraege')
  @Operation({
    summary: 'Kostenbeitrag festsetzen',
    description:
      'Setzt für eine Bewilligung einen monatlichen Kostenbeitrag (§§ 91 ff. SGB VIII) ab einem Tag fest (KostenbeitragFixed). Der Ertrag wird je bewilligtem Monat gebucht (RevenueRecorded) und neben dem Budget ausgewiesen; er mindert den Verbrauch nicht (R2).',
    answer: { status: 201, schema: CaseViewWithKostenbeitrag, location: '/cases/{caseRef}' },
    refusals: [...ON_AN_APPROVAL, S['invalid-period'], P['outside-approved-period']],
  })
  async kostenbeitrag(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Body() dto: FixKostenbeitragDto,
  ): Promise<Static<typeof CaseViewWithKostenbeitrag>> {
    const handled = await this.decide(new FixKostenbeitragCommand(ctx, caseRef, dto));
    const kostenbeitragId = createdId(handled, (e) => (e.type === 'KostenbeitragFixed' ? e.data.kostenbeitragId : undefined));
    return { ...this.view(ctx, handled.state, handled.version, caseRef), kostenbeitragId };
  }

  @Post(':caseRef/kostenerstattungen')
  @Operation({
    summary: 'Kostenerstattung geltend machen',
    description:
      'Macht für einen Leistungsmonat einer Bewilligung eine Kostenerstattung gegen ein anderes Jugendamt geltend (§§ 89 ff. SGB VIII; KostenerstattungClaimed). Sie ist Ertrag des Leistungsmonats (RevenueRecorded) und mindert den Verbrauch nie (R2).',
    answer: { status: 201, schema: CaseViewWithKostenerstattung, location: '/cases/{caseRef}' },
    refusals: [...ON_AN_APPROVAL, P['outside-approved-period']],
  })
  async kostenerstattung(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Body() dto: ClaimKostenerstattungDto,
  ): Promise<Static<typeof CaseViewWithKostenerstattung>> {
    const handled = await this.decide(new ClaimKostenerstattungCommand(ctx, caseRef, dto));
    const claimId = createdId(handled, (e) => (e.type === 'KostenerstattungClaimed' ? e.data.claimId : undefined));
    return { ...this.view(ctx, handled.state, handled.version, caseRef), claimId };
  }
}
