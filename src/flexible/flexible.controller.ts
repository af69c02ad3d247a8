import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { FiscalYearPipe } from '../../libs/http/param-pipes';
import { ActivityListQuery, SubsidyListQuery } from './queries/flexible-list.dtos';
import { FlexibleListsQuery } from './queries/flexible-lists.query';
import { FlexibleQueries } from './queries/flexible-queries';
import { sozialraumParam } from './flexible-params';

@ApiTags('Flexible Mittel')
@ApiBearerAuth()
@Controller()
export class FlexibleController {
  constructor(
    private readonly queries: FlexibleQueries,
    private readonly lists: FlexibleListsQuery,
  ) {}

  @Get('budgets/:sozialraumId/:fiscalYear/flexible')
  @ApiOperation({ summary: 'Flexible money per category: planned, granted, paid, open, available, frozen (straight from the budget stream)' })
  figures(@Ctx() ctx: CommandContext, @Param('sozialraumId', sozialraumParam) sozialraumId: string, @Param('fiscalYear', FiscalYearPipe) fiscalYear: number) {
    return this.queries.figures(ctx, { sozialraumId, fiscalYear });
  }

  @Get('subsidies')
  @ApiOperation({
    summary: 'Subsidies across Sozialräume and years (filters; limit/cursor). Providers see their own only',
    description: 'Order: by fiscalYear, sozialraumId, then the number of the subsidy (ZUW-2025-1, -2, …).',
  })
  subsidies(@Ctx() ctx: CommandContext, @Query() query: SubsidyListQuery) {
    return this.lists.listSubsidies(ctx, query);
  }

  @Get('flexible-activities')
  @ApiOperation({
    summary: 'Provider-reported activities across Sozialräume and years (filters; limit/cursor). Providers see their own only',
    description: 'Order: by fiscalYear, sozialraumId, then the number of the activity (AKT-2025-1, -2, …).',
  })
  activities(@Ctx() ctx: CommandContext, @Query() query: ActivityListQuery) {
    return this.lists.listActivities(ctx, query);
  }
}
