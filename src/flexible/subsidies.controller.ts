import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { PRIVACY_PROBLEMS } from '../privacy';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { Operation } from '../../libs/http/contract/operation.decorator';
import { Static } from '../../libs/http/contract/schema-types';
import { FiscalYearPipe } from '../../libs/http/param-pipes';
import { SHARED_PROBLEMS } from '../shared/shared-problems';
import { GrantSubsidyDto, PaymentOrderDto, ReclaimDto, ReclaimReceiptDto, UsageReportDto } from './commands/dtos/subsidy.dtos';
import {
  GrantSubsidyCommand,
  OrderInstalmentPaymentCommand,
  ReceiveReclaimCommand,
  ReclaimSubsidyCommand,
  ReportUsageCommand,
} from './commands/flexible.commands';
import { FlexibleQueries } from './queries/flexible-queries';
import { subsidyView } from './queries/flexible-views';
import { instalmentParam, sozialraumParam, subsidyParam } from './flexible-params';
import { FlexibleBudgetState } from './domain/flexible-budget';
import { BOOKABLE, FLEXIBLE_PROBLEMS } from './flexible.problems';
import { SubsidyView, UsageReportAnswer } from './flexible.schemas';

const SUBSIDY_LOCATION = '/budgets/{sozialraumId}/{fiscalYear}/subsidies/{subsidyId}';
/** Refusals of every command on a granted subsidy. */
const ON_SUBSIDY = [...BOOKABLE, FLEXIBLE_PROBLEMS['subsidy-not-found']];

@ApiTags('Flexible Mittel')
@ApiBearerAuth()
@Controller('budgets/:sozialraumId/:fiscalYear/subsidies')
export class SubsidiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: FlexibleQueries,
  ) {}

  @Post()
  @Operation({
    summary: 'Zuwendung an einen Träger bewilligen (Zuwendungsbescheid)',
    description:
      'Bucht den Zuwendungsbescheid mit Ratenplan (SubsidyGranted) und bindet alle Raten am Bescheiddatum, dem Geschäftsdatum, in ihren Zahlungsmonaten (CommitmentRecorded; R3, R5), nur im Rahmen der verfügbaren flexiblen Mittel und nicht bei Haushaltssperre (§ 74 SGB VIII, R8). Die Raten liegen im Haushaltsjahr, nicht vor dem Bescheid, und ergeben zusammen die Zuwendungssumme.',
    answer: { status: 201, schema: SubsidyView, location: SUBSIDY_LOCATION },
    refusals: [
      SHARED_PROBLEMS['provider-not-found'],
      ...BOOKABLE,
      FLEXIBLE_PROBLEMS['bescheid-after-fiscal-year'],
      FLEXIBLE_PROBLEMS['instalment-outside-fiscal-year'],
      FLEXIBLE_PROBLEMS['instalment-before-bescheid'],
      SHARED_PROBLEMS['amount-not-positive'],
      FLEXIBLE_PROBLEMS['instalments-do-not-match-total'],
      FLEXIBLE_PROBLEMS['budget-frozen'],
      FLEXIBLE_PROBLEMS['budget-exhausted'],
    ],
  })
  async grant(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Body() dto: GrantSubsidyDto,
  ): Promise<Static<typeof SubsidyView>> {
    const handled = await this.commands.execute(new GrantSubsidyCommand(ctx, { sozialraumId, fiscalYear }, dto));
    return view(sozialraumId, fiscalYear, handled.subsidyId, handled);
  }

  @Get(':subsidyId')
  @Operation({
    summary: 'Eine Zuwendung lesen',
    description:
      'Die Zuwendung mit ihren Raten (nach Fälligkeit, wie bewilligt: R1, R2, …), Verwendungsnachweisen und Rückforderung, unmittelbar aus dem Budgetstrom. Nutzer eines Trägers sehen nur die Zuwendungen ihres Trägers.',
    answer: { status: 200, schema: SubsidyView },
    refusals: [FLEXIBLE_PROBLEMS['subsidy-not-found']],
  })
  detail(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('subsidyId', subsidyParam) subsidyId: string,
  ): Promise<Static<typeof SubsidyView>> {
    return this.queries.subsidy(ctx, { sozialraumId, fiscalYear }, subsidyId);
  }

  @Post(':subsidyId/instalments/:instalmentId/payment-order')
  @HttpCode(200)
  @Operation({
    summary: 'Zahlung einer Rate anordnen',
    description:
      'Bucht die Zahlungsanordnung einer Rate (SubsidyInstalmentPaymentOrdered) als Ist-Ausgabe ihres Zahlungsmonats, des Monats der Anordnung (ExpenditureAccrued; R3); eine nach dem 31.12. datierte Anordnung zählt im Dezember, eine vor dem 01.01. datierte im Januar des Haushaltsjahres. Weicht der Zahlungsmonat vom geplanten ab, wandert die Bindung mit (CommitmentReleased, CommitmentRecorded).',
    answer: { status: 200, schema: SubsidyView },
    refusals: [
      ...ON_SUBSIDY,
      FLEXIBLE_PROBLEMS['subsidy-reclaimed'],
      FLEXIBLE_PROBLEMS['instalment-not-found'],
      FLEXIBLE_PROBLEMS['instalment-already-paid'],
      FLEXIBLE_PROBLEMS['payment-before-bescheid'],
    ],
  })
  async orderPayment(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('subsidyId', subsidyParam) subsidyId: string,
    @Param('instalmentId', instalmentParam) instalmentId: string,
    @Body() dto: PaymentOrderDto,
  ): Promise<Static<typeof SubsidyView>> {
    const handled = await this.commands.execute(new OrderInstalmentPaymentCommand(ctx, { sozialraumId, fiscalYear }, subsidyId, instalmentId, dto));
    return view(sozialraumId, fiscalYear, subsidyId, handled);
  }

  @Post(':subsidyId/usage-reports')
  @Operation({
    summary: 'Verwendungsnachweis einer Zuwendung einreichen',
    description:
      'Der Träger der Zuwendung weist je ausgezahlter Rate den verwendeten Betrag (höchstens die Rate) mit kurzer Beschreibung nach (SubsidyUsageReported); ein späterer Nachweis einer Rate ersetzt den früheren. Die Ausgaben ändern sich nicht (R2); der nicht verwendete Rest ist Grundlage einer Rückforderung.',
    answer: { status: 201, schema: UsageReportAnswer, location: SUBSIDY_LOCATION },
    refusals: [
      PRIVACY_PROBLEMS['texts-erased'],
      ...ON_SUBSIDY,
      FLEXIBLE_PROBLEMS['subsidy-reclaimed'],
      FLEXIBLE_PROBLEMS['instalment-reported-twice'],
      FLEXIBLE_PROBLEMS['instalment-not-found'],
      FLEXIBLE_PROBLEMS['instalment-not-paid'],
      FLEXIBLE_PROBLEMS['usage-exceeds-instalment'],
    ],
  })
  async reportUsage(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('subsidyId', subsidyParam) subsidyId: string,
    @Body() dto: UsageReportDto,
  ): Promise<Static<typeof UsageReportAnswer>> {
    const handled = await this.commands.execute(new ReportUsageCommand(ctx, { sozialraumId, fiscalYear }, subsidyId, dto));
    return { ...view(sozialraumId, fiscalYear, subsidyId, handled), reportId: handled.reportId };
  }

  @Post(':subsidyId/reclaim')
  @HttpCode(200)
  @Operation({
    summary: 'Zuwendung zurückfordern (Rückforderung)',
    description:
      'Bucht die Rückforderung mit Begründung (SubsidyReclaimed): noch nicht ausgezahlte Raten werden freigegeben (CommitmentReleased), ausgezahltes, laut Verwendungsnachweis nicht verwendetes Geld wird zurückgefordert. Ausgezahltes bleibt Ist-Ausgabe (R2); danach nimmt die Zuwendung keine Zahlungen und Nachweise mehr an.',
    answer: { status: 200, schema: SubsidyView },
    refusals: [
      PRIVACY_PROBLEMS['texts-erased'],
      ...ON_SUBSIDY,
      FLEXIBLE_PROBLEMS['subsidy-reclaimed'],
      FLEXIBLE_PROBLEMS['usage-report-missing'],
      FLEXIBLE_PROBLEMS['nothing-to-reclaim'],
    ],
  })
  async reclaim(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('subsidyId', subsidyParam) subsidyId: string,
    @Body() dto: ReclaimDto,
  ): Promise<Static<typeof SubsidyView>> {
    const handled = await this.commands.execute(new ReclaimSubsidyCommand(ctx, { sozialraumId, fiscalYear }, subsidyId, dto));
    return view(sozialraumId, fiscalYear, subsidyId, handled);
  }

  @Post(':subsidyId/reclaim-receipt')
  @HttpCode(200)
  @Operation({
    summary: 'Eingang einer Rückforderung buchen',
    description:
      'Bucht zurückgezahltes Geld einer Rückforderung, höchstens den offenen Betrag, am Geschäftsdatum im Haushaltsjahr (SubsidyReclaimReceived) als Einnahme des Eingangsmonats (RevenueRecorded, Art rueckforderung); die Ausgaben mindert es nie (R2).',
    answer: { status: 200, schema: SubsidyView },
    refusals: [
      ...ON_SUBSIDY,
      FLEXIBLE_PROBLEMS['no-open-claim'],
      SHARED_PROBLEMS['amount-not-positive'],
      FLEXIBLE_PROBLEMS['receipt-exceeds-claim'],
      FLEXIBLE_PROBLEMS['receipt-before-claim'],
      FLEXIBLE_PROBLEMS['receipt-outside-fiscal-year'],
    ],
  })
  async receiveReclaim(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('subsidyId', subsidyParam) subsidyId: string,
    @Body() dto: ReclaimReceiptDto,
  ): Promise<Static<typeof SubsidyView>> {
    const handled = await this.commands.execute(new ReceiveReclaimCommand(ctx, { sozialraumId, fiscalYear }, subsidyId, dto));
    return view(sozialraumId, fiscalYear, subsidyId, handled);
  }
}

/** The subsidy after the command, with the budget stream version (ETag for If-Match). */
function view(
  sozialraumId: string,
  fiscalYear: number,
  subsidyId: string,
  handled: { state: FlexibleBudgetState; version: number },
): Static<typeof SubsidyView> {
  return { ...subsidyView(sozialraumId, fiscalYear, handled.state.flexible.subsidies[subsidyId]), version: handled.version };
}
