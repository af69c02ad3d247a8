import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { FiscalYearPipe } from '../../libs/http/param-pipes';
import { ActualReportDto, ApproveActivityDto, RejectActivityDto, ReportActivityDto } from './commands/dtos/activity.dtos';
import { ApproveActivityCommand, RejectActivityCommand, ReportActivityActualCommand, ReportActivityCommand } from './commands/flexible.commands';
import { FlexibleBudgetState } from './domain/flexible-budget';
import { FlexibleQueries } from './queries/flexible-queries';
import { activityView } from './queries/flexible-views';
import { activityParam, sozialraumParam } from './flexible-params';

@ApiTags('Flexible Mittel')
@ApiBearerAuth()
@Controller('budgets/:sozialraumId/:fiscalYear/activities')
export class ActivitiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: FlexibleQueries,
  ) {}

  @Post()
  @ApiOperation({ summary: 'A provider reports a planned flexible activity; nothing is committed before the Jugendamt approves' })
  async report(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Body() dto: ReportActivityDto,
  ) {
    const handled = await this.commands.execute(new ReportActivityCommand(ctx, { sozialraumId, fiscalYear }, dto));
    return view(sozialraumId, fiscalYear, handled.activityId, handled);
  }

  @Get(':activityId')
  @ApiOperation({ summary: 'An activity with its decision and actual amount (providers: their own only)' })
  detail(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('activityId', activityParam) activityId: string,
  ) {
    return this.queries.activity(ctx, { sozialraumId, fiscalYear }, activityId);
  }

  @Post(':activityId/approval')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve an activity: commits its month within the available flexible money (§ 74 SGB VIII)' })
  async approve(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('activityId', activityParam) activityId: string,
    @Body() dto: ApproveActivityDto,
  ) {
    const handled = await this.commands.execute(new ApproveActivityCommand(ctx, { sozialraumId, fiscalYear }, activityId, dto));
    return view(sozialraumId, fiscalYear, activityId, handled);
  }

  @Post(':activityId/rejection')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject an activity with a reason' })
  async reject(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('activityId', activityParam) activityId: string,
    @Body() dto: RejectActivityDto,
  ) {
    const handled = await this.commands.execute(new RejectActivityCommand(ctx, { sozialraumId, fiscalYear }, activityId, dto));
    return view(sozialraumId, fiscalYear, activityId, handled);
  }

  @Post(':activityId/actual-report')
  @HttpCode(200)
  @ApiOperation({ summary: 'After the activity: the provider reports what it cost (at most the approved amount); the rest is released' })
  async reportActual(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('activityId', activityParam) activityId: string,
    @Body() dto: ActualReportDto,
  ) {
    const handled = await this.commands.execute(new ReportActivityActualCommand(ctx, { sozialraumId, fiscalYear }, activityId, dto));
    return view(sozialraumId, fiscalYear, activityId, handled);
  }
}

function view(sozialraumId: string, fiscalYear: number, activityId: string, handled: { state: FlexibleBudgetState; version: number }) {
  return { ...activityView(sozialraumId, fiscalYear, handled.state.flexible.activities[activityId]), version: handled.version };
}
