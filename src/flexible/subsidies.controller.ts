import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { FiscalYearPipe } from '../../libs/http/param-pipes';
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

@ApiTags('Flexible Mittel')
@ApiBearerAuth()
@Controller('budgets/:sozialraumId/:fiscalYear/subsidies')
export class SubsidiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: FlexibleQueries,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      'Grant a subsidy (Zuwendungsbescheid) to a provider: commits the instalment plan on the business date, within the available flexible money (§ 74 SGB VIII)',
  })
  async grant(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Body() dto: GrantSubsidyDto,
  ) {
    const handled = await this.commands.execute(new GrantSubsidyCommand(ctx, { sozialraumId, fiscalYear }, dto));
    return view(sozialraumId, fiscalYear, handled.subsidyId, handled);
  }

  @Get(':subsidyId')
  @ApiOperation({ summary: 'A subsidy with its instalments, usage reports and reclaim (providers: their own only)' })
  detail(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('subsidyId', subsidyParam) subsidyId: string,
  ) {
    return this.queries.subsidy(ctx, { sozialraumId, fiscalYear }, subsidyId);
  }

  @Post(':subsidyId/instalments/:instalmentId/payment-order')
  @HttpCode(200)
  @ApiOperation({ summary: 'Payment order of an instalment: actual expenditure of its payment month (R3)' })
  async orderPayment(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('subsidyId', subsidyParam) subsidyId: string,
    @Param('instalmentId', instalmentParam) instalmentId: string,
    @Body() dto: PaymentOrderDto,
  ) {
    const handled = await this.commands.execute(new OrderInstalmentPaymentCommand(ctx, { sozialraumId, fiscalYear }, subsidyId, instalmentId, dto));
    return view(sozialraumId, fiscalYear, subsidyId, handled);
  }

  @Post(':subsidyId/usage-reports')
  @ApiOperation({ summary: "Usage report (Verwendungsnachweis) of the subsidy's provider: spent amount and short description per paid instalment" })
  async reportUsage(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('subsidyId', subsidyParam) subsidyId: string,
    @Body() dto: UsageReportDto,
  ) {
    const handled = await this.commands.execute(new ReportUsageCommand(ctx, { sozialraumId, fiscalYear }, subsidyId, dto));
    return view(sozialraumId, fiscalYear, subsidyId, handled);
  }

  @Post(':subsidyId/reclaim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reclaim (Rückforderung): releases unpaid instalments and claims paid but unused money' })
  async reclaim(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('subsidyId', subsidyParam) subsidyId: string,
    @Body() dto: ReclaimDto,
  ) {
    const handled = await this.commands.execute(new ReclaimSubsidyCommand(ctx, { sozialraumId, fiscalYear }, subsidyId, dto));
    return view(sozialraumId, fiscalYear, subsidyId, handled);
  }

  @Post(':subsidyId/reclaim-receipt')
  @HttpCode(200)
  @ApiOperation({ summary: 'Records money of a reclaim received back: revenue (R2), never less expenditure' })
  async receiveReclaim(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('subsidyId', subsidyParam) subsidyId: string,
    @Body() dto: ReclaimReceiptDto,
  ) {
    const handled = await this.commands.execute(new ReceiveReclaimCommand(ctx, { sozialraumId, fiscalYear }, subsidyId, dto));
    return view(sozialraumId, fiscalYear, subsidyId, handled);
  }
}

/** The subsidy after the command, with the budget stream version (ETag for If-Match). */
function view(sozialraumId: string, fiscalYear: number, subsidyId: string, handled: { state: FlexibleBudgetState; version: number }) {
  return { ...subsidyView(sozialraumId, fiscalYear, handled.state.flexible.subsidies[subsidyId]), version: handled.version };
}
