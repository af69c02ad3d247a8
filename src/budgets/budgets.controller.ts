import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';

import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { NotFound } from '../../libs/ddd/domain-error';
import { FiscalYearPipe, PatternPipe } from '../../libs/http/param-pipes';
import { IsIsoDate, IsOptional } from '../../libs/http/validators';
import { CODE_MESSAGE, CODE_PATTERN } from '../shared/identifiers';
import { AllocateBudgetDto, AmendBudgetDto, FreezeDto, ProposeReallocationDto, ReasonDto } from './commands/budget.dtos';
import {
  AllocateBudgetCommand,
  AmendBudgetCommand,
  AnswerReallocationCommand,
  FreezeBudgetCommand,
  OpenBudgetCommand,
  ProposeReallocationCommand,
  ReallocationAnswer,
} from './commands/budget.commands';
import { BudgetQueries, defaultContractDate } from './queries/budget-queries';
import { BudgetListQuery } from './queries/budget-list.dto';
import { BudgetListQueryService } from './queries/budget-list.query';
import { MasterDataQueries } from '../master-data';

const sozialraumParam = new PatternPipe('sozialraumId', CODE_PATTERN, CODE_MESSAGE);
const proposalParam = new PatternPipe('proposalId', /^UMS-\d{4}-\d{1,6}$/, 'must be a proposal id such as UMS-2025-1');

class OverviewQuery {
  @ApiPropertyOptional({
    description: 'Date whose budget contract version is shown (default today, within the fiscal year: 31.12. of a past year, 01.01. of a future one)',
    example: '2025-06-01',
  })
  @IsOptional()
  @IsIsoDate()
  contractAsOf?: string;
}

@ApiTags('Sozialraumbudgets')
@ApiBearerAuth()
@Controller('budgets')
export class BudgetsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: BudgetQueries,
    private readonly list: BudgetListQueryService,
    private readonly directory: MasterDataQueries,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Allocate a Sozialraum budget for a fiscal year (planned amounts per category; B is their sum)' })
  async allocate(@Ctx() ctx: CommandContext, @Body() dto: AllocateBudgetDto) {
    const result = await this.commands.execute(new AllocateBudgetCommand(ctx, dto));
    return this.overviewAfter(ctx, result.sozialraumId, result.fiscalYear);
  }

  @Get()
  @ApiOperation({
    summary: 'List Sozialraum budgets (filter by year, Sozialraum, status; limit/cursor)',
    description: 'Order: by fiscalYear, then sozialraumId.',
  })
  async listBudgets(@Ctx() ctx: CommandContext, @Query() query: BudgetListQuery) {
    return this.list.list(ctx.tenantId, query);
  }

  @Get(':sozialraumId/:fiscalYear')
  @ApiOperation({ summary: 'Budget overview: categories after amendments and reallocations, contract in force, open proposals, history (who, when, why)' })
  async overview(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Query() query: OverviewQuery,
  ) {
    await this.assertVisible(ctx, sozialraumId);
    const overview = await this.queries.overview(
      ctx.tenantId,
      sozialraumId,
      fiscalYear,
      query.contractAsOf ?? defaultContractDate(fiscalYear, ctx.businessDate),
    );
    if (!overview) throw new NotFound('budget-not-found', `there is no budget of ${sozialraumId} for ${fiscalYear}`);
    return overview;
  }

  @Post(':sozialraumId/:fiscalYear/opening')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open a planned budget for execution' })
  async open(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Body() dto: ReasonDto,
  ) {
    await this.commands.execute(new OpenBudgetCommand(ctx, sozialraumId, fiscalYear, dto));
    return this.overviewAfter(ctx, sozialraumId, fiscalYear);
  }

  @Post(':sozialraumId/:fiscalYear/amendments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Amend a category (Nachtrag) with reason and decision reference' })
  async amend(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Body() dto: AmendBudgetDto,
  ) {
    await this.commands.execute(new AmendBudgetCommand(ctx, sozialraumId, fiscalYear, dto));
    return this.overviewAfter(ctx, sozialraumId, fiscalYear);
  }

  @Post(':sozialraumId/:fiscalYear/reallocations')
  @ApiOperation({ summary: 'Propose a reallocation between categories (Jugendamt or lead provider); effective only when the other party agrees (R11)' })
  async propose(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Body() dto: ProposeReallocationDto,
  ) {
    const result = await this.commands.execute(new ProposeReallocationCommand(ctx, sozialraumId, fiscalYear, dto));
    return { proposalId: result.proposalId, ...(await this.overviewAfter(ctx, sozialraumId, fiscalYear)) };
  }

  @Post(':sozialraumId/:fiscalYear/reallocations/:proposalId/agreement')
  @HttpCode(200)
  @ApiOperation({ summary: 'The other party agrees: the reallocation takes effect on this business date' })
  agree(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Param('proposalId', proposalParam) p: string,
    @Body() dto: ReasonDto,
  ) {
    return this.answer(ctx, s, y, p, 'agree', dto);
  }

  @Post(':sozialraumId/:fiscalYear/reallocations/:proposalId/rejection')
  @HttpCode(200)
  @ApiOperation({ summary: 'The other party rejects the proposal' })
  reject(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Param('proposalId', proposalParam) p: string,
    @Body() dto: ReasonDto,
  ) {
    return this.answer(ctx, s, y, p, 'reject', dto);
  }

  @Post(':sozialraumId/:fiscalYear/reallocations/:proposalId/withdrawal')
  @HttpCode(200)
  @ApiOperation({ summary: 'The proposing party withdraws its proposal' })
  withdraw(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Param('proposalId', proposalParam) p: string,
    @Body() dto: ReasonDto,
  ) {
    return this.answer(ctx, s, y, p, 'withdraw', dto);
  }

  @Post(':sozialraumId/:fiscalYear/freeze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Freeze unbound flexible money (FUE, FU) with reason (R8); legal entitlements are never frozen' })
  async freeze(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Body() dto: FreezeDto,
  ) {
    await this.commands.execute(new FreezeBudgetCommand(ctx, sozialraumId, fiscalYear, true, dto));
    return this.overviewAfter(ctx, sozialraumId, fiscalYear);
  }

  @Post(':sozialraumId/:fiscalYear/freeze-lifting')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a freeze of flexible money with reason' })
  async liftFreeze(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Body() dto: FreezeDto,
  ) {
    await this.commands.execute(new FreezeBudgetCommand(ctx, sozialraumId, fiscalYear, false, dto));
    return this.overviewAfter(ctx, sozialraumId, fiscalYear);
  }

  private async answer(ctx: CommandContext, sozialraumId: string, fiscalYear: number, proposalId: string, answer: ReallocationAnswer, dto: ReasonDto) {
    await this.commands.execute(new AnswerReallocationCommand(ctx, sozialraumId, fiscalYear, proposalId, answer, dto));
    return this.overviewAfter(ctx, sozialraumId, fiscalYear);
  }

  private async overviewAfter(ctx: CommandContext, sozialraumId: string, fiscalYear: number) {
    return this.queries.overview(ctx.tenantId, sozialraumId, fiscalYear, defaultContractDate(fiscalYear, ctx.businessDate));
  }

  /** Provider users see the budget of a Sozialraum only while their provider leads its Trägerverbund. */
  private async assertVisible(ctx: CommandContext, sozialraumId: string): Promise<void> {
    if (ctx.actor.role !== 'provider') return;
    const lead = await this.directory.leadProviderOn(ctx.tenantId, sozialraumId, ctx.businessDate);
    if (lead !== ctx.providerId) throw new NotFound('budget-not-found', `there is no budget of ${sozialraumId} visible to you`);
  }
}
