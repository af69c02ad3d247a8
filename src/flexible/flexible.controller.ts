import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { Operation } from '../../libs/http/contract/operation.decorator';
import { Static } from '../../libs/http/contract/schema-types';
import { FiscalYearPipe } from '../../libs/http/param-pipes';
import { SHARED_PROBLEMS } from '../shared/shared-problems';
import { ActivityListQuery, SubsidyListQuery } from './queries/flexible-list.dtos';
import { FlexibleListsQuery } from './queries/flexible-lists.query';
import { FlexibleQueries } from './queries/flexible-queries';
import { sozialraumParam } from './flexible-params';
import { ActivityPage, FlexibleFiguresView, SubsidyPage } from './flexible.schemas';

@ApiTags('Flexible Mittel')
@ApiBearerAuth()
@Controller()
export class FlexibleController {
  constructor(
    private readonly queries: FlexibleQueries,
    private readonly lists: FlexibleListsQuery,
  ) {}

  @Get('budgets/:sozialraumId/:fiscalYear/flexible')
  @Operation({
    summary: 'Flexible Mittel eines Sozialraum-Jahres je Kategorie',
    description:
      'Je Kategorie (FUE, FU): geplant, gebunden, gezahlt, offen, verfügbar (§ 74 SGB VIII) und ob eine Haushaltssperre gilt (R8), unmittelbar aus dem Budgetstrom gelesen.',
    answer: { status: 200, schema: FlexibleFiguresView },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  figures(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
  ): Promise<Static<typeof FlexibleFiguresView>> {
    return this.queries.figures(ctx, { sozialraumId, fiscalYear });
  }

  @Get('subsidies')
  @Operation({
    summary: 'Zuwendungen über Sozialräume und Haushaltsjahre auflisten',
    description:
      'Zuwendungen, gefiltert nach Sozialraum, Haushaltsjahr, Träger, Kategorie und Status, seitenweise (limit, cursor); Nutzer eines Trägers sehen nur die eigenen. Reihenfolge: nach fiscalYear, sozialraumId, dann der Nummer der Zuwendung (ZUW-2025-1, -2, …).',
    answer: { status: 200, schema: SubsidyPage },
    refusals: [SHARED_PROBLEMS['provider-not-found']],
  })
  subsidies(@Ctx() ctx: CommandContext, @Query() query: SubsidyListQuery): Promise<Static<typeof SubsidyPage>> {
    return this.lists.listSubsidies(ctx, query);
  }

  @Get('flexible-activities')
  @Operation({
    summary: 'Von Trägern gemeldete Aktivitäten über Sozialräume und Haushaltsjahre auflisten',
    description:
      'Aktivitäten, gefiltert nach Sozialraum, Haushaltsjahr, Träger, Kategorie und Status, seitenweise (limit, cursor); Nutzer eines Trägers sehen nur die eigenen. Reihenfolge: nach fiscalYear, sozialraumId, dann der Nummer der Aktivität (AKT-2025-1, -2, …).',
    answer: { status: 200, schema: ActivityPage },
    refusals: [SHARED_PROBLEMS['provider-not-found']],
  })
  activities(@Ctx() ctx: CommandContext, @Query() query: ActivityListQuery): Promise<Static<typeof ActivityPage>> {
    return this.lists.listActivities(ctx, query);
  }
}
