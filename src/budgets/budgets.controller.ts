import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';

import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { NotFound } from '../../libs/ddd/domain-error';
import { Operation } from '../../libs/http/contract/operation.decorator';
import { Static } from '../../libs/http/contract/schema-types';
import { FiscalYearPipe, PatternPipe } from '../../libs/http/param-pipes';
import { IsIsoDate, IsOptional } from '../../libs/http/validators';
import { text } from '../../libs/text/text';
import { CODE_PATTERN, CODE_TEXT } from '../shared/identifiers';
import { SHARED_PROBLEMS } from '../shared/shared-problems';
import { BUDGET_PROBLEMS } from './budgets.problems';
import { BudgetOverview, BudgetPage, ReallocationProposalAnswer } from './budgets.schemas';
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

const sozialraumParam = new PatternPipe('sozialraumId', CODE_PATTERN, CODE_TEXT);
const proposalParam = new PatternPipe(
  'proposalId',
  /^UMS-\d{4}-\d{1,6}$/,
  text('muss eine Vorschlagsnummer wie UMS-2025-1 sein.', 'must be a proposal id such as UMS-2025-1.'),
);

/** Refusals of every command on an existing Sozialraum-year (assertBookable). */
const BOOKABLE = [SHARED_PROBLEMS['budget-not-found'], SHARED_PROBLEMS['fiscal-year-closed']];
/** Refusals of every answer to a reallocation proposal. */
const ANSWER = [SHARED_PROBLEMS['not-lead-provider'], ...BOOKABLE, BUDGET_PROBLEMS['proposal-not-open'], BUDGET_PROBLEMS['answer-before-proposal']];

function budgetMissing(sozialraumId: string, fiscalYear: number): NotFound {
  return new NotFound(
    SHARED_PROBLEMS['budget-not-found'],
    text(
      `Für den Sozialraum ${sozialraumId} gibt es kein Budget für das Haushaltsjahr ${fiscalYear}.`,
      `There is no budget of ${sozialraumId} for ${fiscalYear}.`,
    ),
  );
}

class OverviewQuery {
  @ApiPropertyOptional({
    description:
      'Tag, dessen Fassung des Budgetvertrags gezeigt wird (Vorgabe: heute, begrenzt auf das Haushaltsjahr: der 31.12. eines vergangenen, der 01.01. eines künftigen Jahres)',
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
  @Operation({
    summary: 'Sozialraumbudget für ein Haushaltsjahr zuweisen',
    description:
      'Weist einem registrierten Sozialraum für ein Haushaltsjahr die geplanten Beträge je Kategorie (FS, FUE, FU) zu; B ist ihre Summe (BudgetAllocated). Das Budget ist danach geplant und wird mit der Freigabe bewirtschaftet; ein zweites Budget für dasselbe Jahr wird abgelehnt, Änderungen gehen über einen Nachtrag.',
    answer: { status: 201, schema: BudgetOverview, location: '/budgets/{sozialraumId}/{fiscalYear}' },
    refusals: [SHARED_PROBLEMS['sozialraum-not-found'], BUDGET_PROBLEMS['budget-exists'], BUDGET_PROBLEMS['budget-empty']],
  })
  async allocate(@Ctx() ctx: CommandContext, @Body() dto: AllocateBudgetDto): Promise<Static<typeof BudgetOverview>> {
    const result = await this.commands.execute(new AllocateBudgetCommand(ctx, dto));
    return this.overviewAfter(ctx, result.sozialraumId, result.fiscalYear);
  }

  @Get()
  @Operation({
    summary: 'Sozialraumbudgets auflisten',
    description:
      'Die Sozialraumbudgets des Mandanten mit geplanten Beträgen, B, Sperren und Zahl der offenen Umschichtungsvorschläge, gefiltert nach Haushaltsjahr, Sozialraum und Status, seitenweise (limit, cursor). Reihenfolge: nach fiscalYear, dann sozialraumId.',
    answer: { status: 200, schema: BudgetPage },
  })
  async listBudgets(@Ctx() ctx: CommandContext, @Query() query: BudgetListQuery): Promise<Static<typeof BudgetPage>> {
    return this.list.list(ctx.tenantId, query);
  }

  @Get(':sozialraumId/:fiscalYear')
  @Operation({
    summary: 'Ein Sozialraumbudget lesen',
    description:
      'Das Budget eines Sozialraums für ein Haushaltsjahr, unmittelbar aus seinem Datenstrom: die Kategorien nach Nachträgen, Umschichtungen und Abrechnungen (bei flexiblen Mitteln mit gebundenen, verfügbaren und gesperrten Mitteln), der am Tag contractAsOf geltende Budgetvertrag, die offenen Umschichtungsvorschläge und die Planungsgeschichte (wer, wann, warum) in Buchungsreihenfolge. Ein Träger sieht das Budget nur, solange er den Trägerverbund des Sozialraums führt.',
    answer: { status: 200, schema: BudgetOverview },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  async overview(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Query() query: OverviewQuery,
  ): Promise<Static<typeof BudgetOverview>> {
    await this.assertVisible(ctx, sozialraumId);
    const overview = await this.queries.overview(
      ctx.tenantId,
      sozialraumId,
      fiscalYear,
      query.contractAsOf ?? defaultContractDate(fiscalYear, ctx.businessDate),
    );
    if (!overview) throw budgetMissing(sozialraumId, fiscalYear);
    return overview;
  }

  @Post(':sozialraumId/:fiscalYear/opening')
  @HttpCode(200)
  @Operation({
    summary: 'Geplantes Budget zur Bewirtschaftung freigeben',
    description: 'Gibt ein geplantes Sozialraumbudget mit Begründung zur Bewirtschaftung frei (BudgetOpened), einmal je Haushaltsjahr.',
    answer: { status: 200, schema: BudgetOverview },
    refusals: [...BOOKABLE, BUDGET_PROBLEMS['budget-already-open']],
  })
  async open(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Body() dto: ReasonDto,
  ): Promise<Static<typeof BudgetOverview>> {
    await this.commands.execute(new OpenBudgetCommand(ctx, sozialraumId, fiscalYear, dto));
    return this.overviewAfter(ctx, sozialraumId, fiscalYear);
  }

  @Post(':sozialraumId/:fiscalYear/amendments')
  @HttpCode(200)
  @Operation({
    summary: 'Nachtrag zu einer Kategorie buchen',
    description:
      'Setzt den geplanten Betrag einer Kategorie mit Begründung und Beschluss neu fest (BudgetAmended); B ändert sich um die Differenz. Ein Nachtrag geht nie unter die Mittel, die in der Kategorie gebunden oder ausgegeben sind (R11), bei FS einschließlich der Bewilligungen der Fälle.',
    answer: { status: 200, schema: BudgetOverview },
    refusals: [...BOOKABLE, BUDGET_PROBLEMS['no-change'], BUDGET_PROBLEMS['amount-below-commitments']],
  })
  async amend(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Body() dto: AmendBudgetDto,
  ): Promise<Static<typeof BudgetOverview>> {
    await this.commands.execute(new AmendBudgetCommand(ctx, sozialraumId, fiscalYear, dto));
    return this.overviewAfter(ctx, sozialraumId, fiscalYear);
  }

  @Post(':sozialraumId/:fiscalYear/reallocations')
  @Operation({
    summary: 'Umschichtung zwischen Kategorien vorschlagen',
    description:
      'Das Jugendamt oder der federführende Träger schlägt vor, geplante Mittel von einer Kategorie in eine andere umzuschichten (ReallocationProposed); B bleibt gleich. Wirksam wird die Umschichtung erst mit der Zustimmung der anderen Seite, und gebundene Mittel können nicht umgeschichtet werden (R11). Vorschläge werden je Budget nummeriert (UMS-2025-1, UMS-2025-2, …).',
    answer: { status: 201, schema: ReallocationProposalAnswer, location: '/budgets/{sozialraumId}/{fiscalYear}' },
    refusals: [
      SHARED_PROBLEMS['not-lead-provider'],
      ...BOOKABLE,
      BUDGET_PROBLEMS['reallocation-same-category'],
      SHARED_PROBLEMS['amount-not-positive'],
      BUDGET_PROBLEMS['proposal-exists'],
      BUDGET_PROBLEMS['reallocation-moves-committed-money'],
    ],
  })
  async propose(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Body() dto: ProposeReallocationDto,
  ): Promise<Static<typeof ReallocationProposalAnswer>> {
    const result = await this.commands.execute(new ProposeReallocationCommand(ctx, sozialraumId, fiscalYear, dto));
    return { proposalId: result.proposalId, ...(await this.overviewAfter(ctx, sozialraumId, fiscalYear)) };
  }

  @Post(':sozialraumId/:fiscalYear/reallocations/:proposalId/agreement')
  @HttpCode(200)
  @Operation({
    summary: 'Einer Umschichtung zustimmen',
    description:
      'Die andere Seite als die vorschlagende stimmt zu: Die Umschichtung wird an diesem Geschäftsdatum wirksam (ReallocationAgreed) und bewegt die geplanten Mittel, B bleibt gleich (R11). Gebundene Mittel werden dabei erneut geprüft und nicht bewegt.',
    answer: { status: 200, schema: BudgetOverview },
    refusals: [...ANSWER, BUDGET_PROBLEMS['agreement-by-other-party-required'], BUDGET_PROBLEMS['reallocation-moves-committed-money']],
  })
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
  @Operation({
    summary: 'Eine Umschichtung ablehnen',
    description: 'Die andere Seite als die vorschlagende lehnt den Vorschlag mit Begründung ab (ReallocationRejected); es werden keine Mittel bewegt (R11).',
    answer: { status: 200, schema: BudgetOverview },
    refusals: [...ANSWER, BUDGET_PROBLEMS['rejection-by-other-party-required']],
  })
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
  @Operation({
    summary: 'Einen Umschichtungsvorschlag zurückziehen',
    description: 'Die vorschlagende Seite zieht ihren Vorschlag mit Begründung zurück (ReallocationWithdrawn); es werden keine Mittel bewegt (R11).',
    answer: { status: 200, schema: BudgetOverview },
    refusals: [...ANSWER, BUDGET_PROBLEMS['withdrawal-by-proposer-required']],
  })
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
  @Operation({
    summary: 'Flexible Mittel sperren (Haushaltssperre)',
    description:
      'Sperrt mit Begründung die nicht gebundenen flexiblen Mittel der genannten Kategorien FUE und FU (BudgetFreezeImposed): Neue Bindungen flexibler Mittel werden abgelehnt, bis die Sperre aufgehoben ist. Rechtsansprüche (FS) werden nie gesperrt (R8).',
    answer: { status: 200, schema: BudgetOverview },
    refusals: [...BOOKABLE, BUDGET_PROBLEMS['freeze-only-flexible'], BUDGET_PROBLEMS['already-frozen']],
  })
  async freeze(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Body() dto: FreezeDto,
  ): Promise<Static<typeof BudgetOverview>> {
    await this.commands.execute(new FreezeBudgetCommand(ctx, sozialraumId, fiscalYear, true, dto));
    return this.overviewAfter(ctx, sozialraumId, fiscalYear);
  }

  @Post(':sozialraumId/:fiscalYear/freeze-lifting')
  @HttpCode(200)
  @Operation({
    summary: 'Sperre flexibler Mittel aufheben',
    description:
      'Hebt mit Begründung die Sperre der genannten flexiblen Kategorien auf (BudgetFreezeLifted); danach können wieder flexible Mittel gebunden werden (R8).',
    answer: { status: 200, schema: BudgetOverview },
    refusals: [...BOOKABLE, BUDGET_PROBLEMS['freeze-only-flexible'], BUDGET_PROBLEMS['not-frozen']],
  })
  async liftFreeze(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Body() dto: FreezeDto,
  ): Promise<Static<typeof BudgetOverview>> {
    await this.commands.execute(new FreezeBudgetCommand(ctx, sozialraumId, fiscalYear, false, dto));
    return this.overviewAfter(ctx, sozialraumId, fiscalYear);
  }

  private async answer(
    ctx: CommandContext,
    sozialraumId: string,
    fiscalYear: number,
    proposalId: string,
    answer: ReallocationAnswer,
    dto: ReasonDto,
  ): Promise<Static<typeof BudgetOverview>> {
    await this.commands.execute(new AnswerReallocationCommand(ctx, sozialraumId, fiscalYear, proposalId, answer, dto));
    return this.overviewAfter(ctx, sozialraumId, fiscalYear);
  }

  /** The overview after a command that decided on the budget, so it exists. */
  private async overviewAfter(ctx: CommandContext, sozialraumId: string, fiscalYear: number): Promise<Static<typeof BudgetOverview>> {
    const overview = await this.queries.overview(ctx.tenantId, sozialraumId, fiscalYear, defaultContractDate(fiscalYear, ctx.businessDate));
    if (!overview) throw budgetMissing(sozialraumId, fiscalYear);
    return overview;
  }

  /** Provider users see the budget of a Sozialraum only while their provider leads its Trägerverbund. */
  private async assertVisible(ctx: CommandContext, sozialraumId: string): Promise<void> {
    if (ctx.actor.role !== 'provider') return;
    const lead = await this.directory.leadProviderOn(ctx.tenantId, sozialraumId, ctx.businessDate);
    if (lead !== ctx.providerId) {
      throw new NotFound(
        SHARED_PROBLEMS['budget-not-found'],
        text(`Für den Sozialraum ${sozialraumId} gibt es kein Budget, das Sie einsehen dürfen.`, `There is no budget of ${sozialraumId} visible to you.`),
      );
    }
  }
}
