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
import { ActualReportDto, ApproveActivityDto, RejectActivityDto, ReportActivityDto } from './commands/dtos/activity.dtos';
import { ApproveActivityCommand, RejectActivityCommand, ReportActivityActualCommand, ReportActivityCommand } from './commands/flexible.commands';
import { FlexibleBudgetState } from './domain/flexible-budget';
import { FlexibleQueries } from './queries/flexible-queries';
import { activityView } from './queries/flexible-views';
import { activityParam, sozialraumParam } from './flexible-params';
import { BOOKABLE, FLEXIBLE_PROBLEMS } from './flexible.problems';
import { ActivityView } from './flexible.schemas';

/** Refusals of every command on a reported activity. */
const ON_ACTIVITY = [...BOOKABLE, FLEXIBLE_PROBLEMS['activity-not-found']];

@ApiTags('Flexible Mittel')
@ApiBearerAuth()
@Controller('budgets/:sozialraumId/:fiscalYear/activities')
export class ActivitiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: FlexibleQueries,
  ) {}

  @Post()
  @Operation({
    summary: 'Geplante fallunspezifische oder fallübergreifende Aktivität melden',
    description:
      'Ein Träger des Trägerverbunds des Sozialraums (federführend oder Mitglied am Tag der Aktivität) meldet eine geplante Aktivität im Haushaltsjahr mit Kosten und Beschreibung (FlexibleActivityReported). Gebunden wird nichts, bevor das Jugendamt bewilligt (R8).',
    answer: { status: 201, schema: ActivityView, location: '/budgets/{sozialraumId}/{fiscalYear}/activities/{activityId}' },
    refusals: [
      ...BOOKABLE,
      FLEXIBLE_PROBLEMS['activity-outside-fiscal-year'],
      FLEXIBLE_PROBLEMS['provider-not-in-traegerverbund'],
      SHARED_PROBLEMS['amount-not-positive'],
    ],
  })
  async report(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Body() dto: ReportActivityDto,
  ): Promise<Static<typeof ActivityView>> {
    const handled = await this.commands.execute(new ReportActivityCommand(ctx, { sozialraumId, fiscalYear }, dto));
    return view(sozialraumId, fiscalYear, handled.activityId, handled);
  }

  @Get(':activityId')
  @Operation({
    summary: 'Eine Aktivität lesen',
    description:
      'Die gemeldete Aktivität mit Entscheidung und Ist-Betrag, unmittelbar aus dem Budgetstrom. Nutzer eines Trägers sehen nur die Aktivitäten ihres Trägers.',
    answer: { status: 200, schema: ActivityView },
    refusals: [FLEXIBLE_PROBLEMS['activity-not-found']],
  })
  detail(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('activityId', activityParam) activityId: string,
  ): Promise<Static<typeof ActivityView>> {
    return this.queries.activity(ctx, { sozialraumId, fiscalYear }, activityId);
  }

  @Post(':activityId/approval')
  @HttpCode(200)
  @Operation({
    summary: 'Aktivität bewilligen',
    description:
      'Bewilligt die Aktivität mit dem gemeldeten oder einem niedrigeren Betrag (FlexibleActivityApproved) und bindet ihn am Bescheiddatum, dem Geschäftsdatum, im Monat der Aktivität (CommitmentRecorded; R3, R5), nur im Rahmen der verfügbaren flexiblen Mittel und nicht bei Haushaltssperre (§ 74 SGB VIII, R8).',
    answer: { status: 200, schema: ActivityView },
    refusals: [
      ...ON_ACTIVITY,
      FLEXIBLE_PROBLEMS['activity-already-decided'],
      FLEXIBLE_PROBLEMS['bescheid-after-fiscal-year'],
      SHARED_PROBLEMS['amount-not-positive'],
      FLEXIBLE_PROBLEMS['approval-exceeds-request'],
      FLEXIBLE_PROBLEMS['budget-frozen'],
      FLEXIBLE_PROBLEMS['budget-exhausted'],
    ],
  })
  async approve(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('activityId', activityParam) activityId: string,
    @Body() dto: ApproveActivityDto,
  ): Promise<Static<typeof ActivityView>> {
    const handled = await this.commands.execute(new ApproveActivityCommand(ctx, { sozialraumId, fiscalYear }, activityId, dto));
    return view(sozialraumId, fiscalYear, activityId, handled);
  }

  @Post(':activityId/rejection')
  @HttpCode(200)
  @Operation({
    summary: 'Aktivität ablehnen',
    description: 'Lehnt eine noch nicht entschiedene Aktivität mit Begründung ab (FlexibleActivityRejected); gebunden wird nichts.',
    answer: { status: 200, schema: ActivityView },
    refusals: [PRIVACY_PROBLEMS['texts-erased'], ...ON_ACTIVITY, FLEXIBLE_PROBLEMS['activity-already-decided']],
  })
  async reject(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('activityId', activityParam) activityId: string,
    @Body() dto: RejectActivityDto,
  ): Promise<Static<typeof ActivityView>> {
    const handled = await this.commands.execute(new RejectActivityCommand(ctx, { sozialraumId, fiscalYear }, activityId, dto));
    return view(sozialraumId, fiscalYear, activityId, handled);
  }

  @Post(':activityId/actual-report')
  @HttpCode(200)
  @Operation({
    summary: 'Ist-Kosten einer Aktivität melden',
    description:
      'Nach der Aktivität meldet ihr Träger, was sie gekostet hat, höchstens den bewilligten Betrag (FlexibleActivityActualReported): der Betrag wird Ist-Ausgabe des Monats der Aktivität (ExpenditureAccrued; R3), der Rest der Bewilligung wird freigegeben (CommitmentReleased; R5). Mehr als bewilligt braucht eine neue Bewilligung.',
    answer: { status: 200, schema: ActivityView },
    refusals: [
      ...ON_ACTIVITY,
      FLEXIBLE_PROBLEMS['actual-already-reported'],
      FLEXIBLE_PROBLEMS['activity-not-approved'],
      FLEXIBLE_PROBLEMS['activity-not-held-yet'],
      FLEXIBLE_PROBLEMS['amount-negative'],
      FLEXIBLE_PROBLEMS['actual-exceeds-approval'],
    ],
  })
  async reportActual(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sozialraumParam) sozialraumId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Param('activityId', activityParam) activityId: string,
    @Body() dto: ActualReportDto,
  ): Promise<Static<typeof ActivityView>> {
    const handled = await this.commands.execute(new ReportActivityActualCommand(ctx, { sozialraumId, fiscalYear }, activityId, dto));
    return view(sozialraumId, fiscalYear, activityId, handled);
  }
}

/** The activity after the command, with the budget stream version (ETag for If-Match). */
function view(
  sozialraumId: string,
  fiscalYear: number,
  activityId: string,
  handled: { state: FlexibleBudgetState; version: number },
): Static<typeof ActivityView> {
  return { ...activityView(sozialraumId, fiscalYear, handled.state.flexible.activities[activityId]), version: handled.version };
}
