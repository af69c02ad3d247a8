import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiReply } from '../../libs/auth/api-request';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { NotFound } from '../../libs/ddd/domain-error';
import { FiscalYearPipe, PatternPipe } from '../../libs/http/param-pipes';
import { CODE_MESSAGE, CODE_PATTERN } from '../shared/identifiers';
import { BudgetQueries, BudgetYearEnd } from '../budgets';
import { MasterDataQueries } from '../master-data';
import {
  ApplySettlementCommand,
  CalculateSettlementCommand,
  CloseMonthCommand,
  CloseProcedureCommand,
  CloseYearCommand,
  ConfirmSettlementCommand,
  DecideSupplementaryExpenditureCommand,
  HoldSteeringMeetingCommand,
  ReportToKaemmereiCommand,
  RequestSupplementaryExpenditureCommand,
} from './commands/steering.commands';
import {
  BusinessDateDto,
  CloseProcedureDto,
  KaemmereiReportDto,
  MonthCloseDto,
  SteeringMeetingDto,
  SupplementaryDecisionDto,
  SupplementaryRequestDto,
  YearCloseDto,
} from './commands/steering.dtos';
import { BookViewQuery, CsvQuery } from './queries/book-view.dto';
import { SteeringQueries, toBookView } from './queries/steering-queries';
import { MonthClosesQuery } from './queries/month-closes.query';
import { monitoringListCsv, utilisationCsv } from './queries/steering-csv';
import { calculateSettlement } from './domain/settlement';
import { YearEndWork } from './year-end-work';

const sr = new PatternPipe('sozialraumId', CODE_PATTERN, CODE_MESSAGE);
const monthParam = new PatternPipe('month', /^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2025-09');
const requestParam = new PatternPipe('requestId', /^UEV-[A-Z0-9-]+-\d{4}-A\d{1,4}$/, 'must be a request id such as UEV-HRO-TW-2025-A1');

@ApiTags('Steuerung')
@ApiBearerAuth()
@Controller('steering')
export class SteeringController {
  constructor(
    private readonly queries: SteeringQueries,
    private readonly commands: CommandBus,
    private readonly budgets: BudgetQueries,
    private readonly budgetYearEnd: BudgetYearEnd,
    private readonly yearEnd: YearEndWork,
    private readonly directory: MasterDataQueries,
    private readonly monthCloses: MonthClosesQuery,
  ) {}

  @Get(':sozialraumId/:fiscalYear')
  @ApiOperation({
    summary:
      'Steering state: threshold crossings, overrun procedure with due dates, its reports to the Kämmerei and whether a supplementary request for the forecast excess is due, closed months, under-run, settlement',
  })
  async overview(@Ctx() ctx: CommandContext, @Param('sozialraumId', sr) s: string, @Param('fiscalYear', FiscalYearPipe) y: number, @Query() q: BookViewQuery) {
    await this.assertBudget(ctx, s, y);
    return this.queries.overview(ctx.tenantId, s, y, toBookView(q), ctx.businessDate);
  }

  @Get(':sozialraumId/:fiscalYear/utilisation')
  @ApiOperation({
    summary:
      'Utilisation per category and month (planned, committed, actual, forecast, available, % of B), per provider, out-of-budget and revenue beside; asOf / knownAt answer from the event log',
    description: 'Order: categories FS, FUE, FU, months January to December; providers by providerId, then category; outOfBudget by reason; revenue by kind.',
  })
  async utilisation(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: BookViewQuery,
  ) {
    await this.assertBudget(ctx, s, y);
    return this.queries.utilisation(ctx.tenantId, s, y, toBookView(q));
  }

  @Get(':sozialraumId/:fiscalYear/utilisation/csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Utilisation as CSV (German headers, UTF-8 with BOM, decimal comma by default)' })
  async utilisationCsv(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: CsvQuery,
    @Res({ passthrough: true }) reply: ApiReply,
  ) {
    await this.assertBudget(ctx, s, y);
    const u = await this.queries.utilisation(ctx.tenantId, s, y, toBookView(q));
    csvHeaders(reply, `auslastung-${s}-${y}.csv`);
    return utilisationCsv(u, q.decimalComma !== 'false');
  }

  @Get(':sozialraumId/:fiscalYear/monitoring-list')
  @ApiOperation({ summary: 'Haushaltsüberwachungsliste: Ansatz, Bindungen, Anordnungen, Ist, Rest' })
  async monitoringList(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: BookViewQuery,
  ) {
    await this.assertBudget(ctx, s, y);
    return this.queries.monitoringList(ctx.tenantId, s, y, toBookView(q));
  }

  @Get(':sozialraumId/:fiscalYear/monitoring-list/csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Haushaltsüberwachungsliste as CSV' })
  async monitoringListCsv(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: CsvQuery,
    @Res({ passthrough: true }) reply: ApiReply,
  ) {
    await this.assertBudget(ctx, s, y);
    const h = await this.queries.monitoringList(ctx.tenantId, s, y, toBookView(q));
    csvHeaders(reply, `hue-liste-${s}-${y}.csv`);
    return monitoringListCsv(h, q.decimalComma !== 'false');
  }

  @Get(':sozialraumId/:fiscalYear/forecast-timeline')
  @ApiOperation({
    summary: 'Every change of the forecast by business date with its cause and the running % of B',
    description: 'Order: business date, then log position.',
  })
  async timeline(@Ctx() ctx: CommandContext, @Param('sozialraumId', sr) s: string, @Param('fiscalYear', FiscalYearPipe) y: number, @Query() q: BookViewQuery) {
    await this.assertBudget(ctx, s, y);
    return this.queries.timeline(ctx.tenantId, s, y, toBookView(q));
  }

  @Get(':sozialraumId/:fiscalYear/settlement')
  @ApiOperation({ summary: 'The settlement (R10) as recorded, with a preview from the figures seen through asOf / knownAt' })
  async settlement(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: BookViewQuery,
  ) {
    await this.assertBudget(ctx, s, y);
    await this.assertSettlementVisible(ctx, s, y);
    const view = toBookView(q);
    const { state, version } = await this.queries.steeringState(ctx.tenantId, s, y, view);
    const book = await this.queries.book(ctx.tenantId, s, y, view);
    const { terms } = await this.budgets.contractOn(ctx.tenantId, s, `${y}-12-31`);
    const preview = calculateSettlement(book.budgetTotal, book.planned.FUE.plus(book.planned.FU), book.totals().actual, terms);
    // version (and ETag): the steering stream, which a confirmation's If-Match names.
    return { sozialraumId: s, fiscalYear: y, version, recorded: state.settlement, preview };
  }

  @Get(':sozialraumId/:fiscalYear/pending-work')
  @ApiOperation({
    summary:
      'Work of the year that blocks the year close: invoices awaiting verification, flexible activities awaiting a decision or their actual report, subsidy instalments without a payment order. version / ETag: the budget stream, which the If-Match of the year close names',
    description: 'Order: invoices, activities, instalments; each by id, numbers compared as numbers.',
  })
  async pending(@Ctx() ctx: CommandContext, @Param('sozialraumId', sr) s: string, @Param('fiscalYear', FiscalYearPipe) y: number) {
    await this.assertBudget(ctx, s, y);
    const version = await this.budgetYearEnd.version(ctx.tenantId, s, y);
    return { sozialraumId: s, fiscalYear: y, version, items: await this.yearEnd.pending(ctx.tenantId, s, y) };
  }

  @Get(':sozialraumId/:fiscalYear/month-closes')
  @ApiOperation({ summary: 'Closed months with the figures frozen at closing (forecast, B, % of B, log position)', description: 'Order: by month.' })
  async monthCloseList(@Ctx() ctx: CommandContext, @Param('sozialraumId', sr) s: string, @Param('fiscalYear', FiscalYearPipe) y: number) {
    await this.assertBudget(ctx, s, y);
    return this.monthCloses.list(ctx.tenantId, s, y);
  }

  @Get(':sozialraumId/:fiscalYear/month-closes/:month')
  @ApiOperation({
    summary: 'A closed month: the Haushaltsüberwachungsliste frozen at closing (as of the month end, as known then); later back-dated bookings never change it',
  })
  async monthClose(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Param('month', monthParam) month: string,
  ) {
    await this.assertBudget(ctx, s, y);
    return this.monthCloses.one(ctx.tenantId, s, y, month);
  }

  @Post(':sozialraumId/:fiscalYear/month-closes')
  @ApiOperation({ summary: 'Close a month: freeze its Haushaltsüberwachungsliste and run the under-run check (R7)' })
  async closeMonth(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Body() dto: MonthCloseDto,
  ) {
    const handled = await this.commands.execute(new CloseMonthCommand(ctx, s, y, dto));
    return { sozialraumId: s, fiscalYear: y, version: handled.version, events: handled.events };
  }

  @Post(':sozialraumId/:fiscalYear/year-close')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Close the fiscal year (refused while work of the year waits); open-ended approvals roll into the next year. If-Match: the budget stream version (ETag of GET …/pending-work or GET /budgets/:sozialraumId/:fiscalYear)',
  })
  async closeYear(@Ctx() ctx: CommandContext, @Param('sozialraumId', sr) s: string, @Param('fiscalYear', FiscalYearPipe) y: number, @Body() dto: YearCloseDto) {
    const handled = await this.commands.execute(new CloseYearCommand(ctx, s, y, dto));
    return { sozialraumId: s, fiscalYear: y, version: handled.version, status: handled.state.status };
  }

  @Post(':sozialraumId/:fiscalYear/settlement')
  @ApiOperation({ summary: 'Calculate the year-end settlement (R10) with every intermediate figure' })
  async calculate(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Body() dto: BusinessDateDto,
  ) {
    const handled = await this.commands.execute(new CalculateSettlementCommand(ctx, s, y, dto));
    return { version: handled.version, settlement: handled.state.settlement };
  }

  @Post(':sozialraumId/:fiscalYear/settlement/confirmations')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the settlement (Jugendamt or lead provider); after both it is applied to the next year' })
  async confirm(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Body() dto: BusinessDateDto,
  ) {
    const handled = await this.commands.execute(new ConfirmSettlementCommand(ctx, s, y, dto));
    return { version: handled.version, settlement: handled.state.settlement };
  }

  @Post(':sozialraumId/:fiscalYear/settlement/application')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply a confirmed settlement to the next year (when its budget was allocated after the confirmations)' })
  async apply(@Ctx() ctx: CommandContext, @Param('sozialraumId', sr) s: string, @Param('fiscalYear', FiscalYearPipe) y: number, @Body() dto: BusinessDateDto) {
    const handled = await this.commands.execute(new ApplySettlementCommand(ctx, s, y, dto));
    return { version: handled.version, settlement: handled.state.settlement };
  }

  @Post(':sozialraumId/:fiscalYear/procedure/meetings')
  @ApiOperation({ summary: 'Record the steering meeting of the overrun procedure (participants by organisation, measures)' })
  async meeting(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Body() dto: SteeringMeetingDto,
  ) {
    const handled = await this.commands.execute(new HoldSteeringMeetingCommand(ctx, s, y, dto));
    return { version: handled.version, procedure: handled.state.procedure };
  }

  @Post(':sozialraumId/:fiscalYear/procedure/supplementary-requests')
  @ApiOperation({ summary: 'Request supplementary expenditure (über-/außerplanmäßig, R9): amount, justification, source of cover' })
  async request(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Body() dto: SupplementaryRequestDto,
  ) {
    const handled = await this.commands.execute(new RequestSupplementaryExpenditureCommand(ctx, s, y, dto));
    return { version: handled.version, procedure: handled.state.procedure };
  }

  @Post(':sozialraumId/:fiscalYear/procedure/supplementary-requests/:requestId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the decision of the body the value limits name (a decision by another body is refused)' })
  async decide(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Param('requestId', requestParam) requestId: string,
    @Body() dto: SupplementaryDecisionDto,
  ) {
    const handled = await this.commands.execute(new DecideSupplementaryExpenditureCommand(ctx, s, y, requestId, dto));
    return { version: handled.version, procedure: handled.state.procedure };
  }

  @Get(':sozialraumId/:fiscalYear/procedure/kaemmerei-report')
  @ApiOperation({
    summary:
      'The report of the overrun procedure to the Kämmerei (R7) from the current figures: B, forecast and its % of B, excess over B, actual, crossings, meetings with measures, supplementary requests with decisions; asOf / knownAt as everywhere. version / ETag: the steering stream',
  })
  async kaemmereiReport(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: BookViewQuery,
  ) {
    await this.assertBudget(ctx, s, y);
    return this.queries.kaemmereiReport(ctx.tenantId, s, y, toBookView(q));
  }

  @Post(':sozialraumId/:fiscalYear/procedure/kaemmerei-report')
  @ApiOperation({
    summary: 'Record that the report was sent to the Kämmerei (reference, date); the figures as sent are kept. May be sent again with updated figures',
  })
  async reportToKaemmerei(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Body() dto: KaemmereiReportDto,
  ) {
    const handled = await this.commands.execute(new ReportToKaemmereiCommand(ctx, s, y, dto));
    return { version: handled.version, procedure: handled.state.procedure };
  }

  @Post(':sozialraumId/:fiscalYear/procedure/closing')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the overrun procedure with its outcome' })
  async closeProcedure(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Body() dto: CloseProcedureDto,
  ) {
    const handled = await this.commands.execute(new CloseProcedureCommand(ctx, s, y, dto));
    return { version: handled.version, procedure: handled.state.procedure };
  }

  private async assertBudget(ctx: CommandContext, sozialraumId: string, fiscalYear: number): Promise<void> {
    if ((await this.budgets.budgetStatus(ctx.tenantId, sozialraumId, fiscalYear)) === 'none') {
      throw new NotFound('budget-not-found', `there is no budget of ${sozialraumId} for ${fiscalYear}`);
    }
  }

  /** The lead provider sees the settlement it has to confirm; other providers see nothing. */
  private async assertSettlementVisible(ctx: CommandContext, sozialraumId: string, fiscalYear: number): Promise<void> {
    if (ctx.actor.role !== 'provider') return;
    const lead = await this.directory.leadProviderOn(ctx.tenantId, sozialraumId, `${fiscalYear}-12-31`);
    if (lead !== ctx.providerId) throw new NotFound('budget-not-found', `there is no budget of ${sozialraumId} for ${fiscalYear}`);
  }
}

function csvHeaders(reply: ApiReply, filename: string): void {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${filename}"`);
}
