import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AUTH_PROBLEMS } from '../../libs/auth/auth-problems';
import { todayInBerlin } from '../../libs/calendar';
import { AggregateStore, Handled } from '../../libs/ddd/aggregate-store';
import { CommandContext, onBusinessDate } from '../../libs/ddd/command-context';
import { DomainError } from '../../libs/ddd/domain-error';
import { text } from '../../libs/text/text';
import { BudgetQueries } from '../budgets';
import { MasterDataQueries } from '../master-data';
import { SHARED_PROBLEMS } from '../shared/shared-problems';
import { streams } from '../shared/stream-ids';
import { CatalogueEvent, CatalogueState, catalogueDecider, catalogueOn, decideDefineIndicator, indicatorOn } from './domain/indicator-catalogue';
import { ReportedValueEvent, ReportedValuesState, decideReportValue, reportedValuesDecider } from './domain/reported-values';
import { StatisticsEvent, StatisticsState, decideImportStatistics, statisticsDecider } from './domain/sozialraum-statistics';
import { parseStatisticsCsv } from './domain/statistics-csv';
import {
  Answer,
  Party,
  TargetAgreementEvent,
  TargetAgreementState,
  decideAnswerTargetAgreement,
  decideProposeTargetAgreement,
  targetAgreementDecider,
} from './domain/target-agreement';
import { AnswerTargetAgreementDto, DefineIndicatorDto, ImportStatisticsDto, ProposeTargetAgreementDto, ReportValueDto } from './wirkung.dtos';

/** The commands of R12, each decided on one stream by a pure function of ./domain. */
@Injectable()
export class WirkungCommands {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly budgets: BudgetQueries,
    private readonly masterData: MasterDataQueries,
  ) {}

  defineIndicator(requested: CommandContext, dto: DefineIndicatorDto): Promise<Handled<CatalogueState, CatalogueEvent>> {
    const ctx = onBusinessDate(requested, dto.businessDate);
    const { businessDate: _b, ...definition } = dto;
    return this.aggregates.handle(streams.indicatorCatalogue(ctx.tenantId), catalogueDecider, ctx, {
      decide: (state) => decideDefineIndicator(definition, state),
    });
  }

  importStatistics(requested: CommandContext, dto: ImportStatisticsDto): Promise<Handled<StatisticsState, StatisticsEvent>> {
    const ctx = onBusinessDate(requested, dto.businessDate);
    const parsed = parseStatisticsCsv(dto.csv);
    const fileSha256 = createHash('sha256').update(dto.csv, 'utf8').digest('hex');
    return this.aggregates.handle(streams.statistics(ctx.tenantId), statisticsDecider, ctx, {
      facts: async () => {
        const ids = [...new Set(parsed.rows.map((r) => r.sozialraumId))];
        const known = await Promise.all(ids.map(async (id) => [id, await this.masterData.sozialraumExists(ctx.tenantId, id)] as const));
        return { registeredSozialraeume: new Set(known.filter(([, exists]) => exists).map(([id]) => id)) };
      },
      decide: (state, facts) => decideImportStatistics({ fileSha256, rows: parsed.rows, errors: parsed.errors }, state, facts),
    });
  }

  async reportValue(
    requested: CommandContext,
    sozialraumId: string,
    fiscalYear: number,
    dto: ReportValueDto,
  ): Promise<Handled<ReportedValuesState, ReportedValueEvent>> {
    const ctx = onBusinessDate(requested, dto.businessDate);
    await this.assertSozialraum(ctx, sozialraumId);
    const reporter = ctx.actor.role === 'provider' ? ('provider' as const) : ('jugendamt' as const);
    return this.aggregates.handle(
      streams.indicatorReports(ctx.tenantId, sozialraumId, fiscalYear),
      reportedValuesDecider,
      ctx,
      {
        facts: async () => {
          const { state: catalogue } = await this.aggregates.load(streams.indicatorCatalogue(ctx.tenantId), catalogueDecider);
          const verbund = await this.masterData.traegerverbundOn(ctx.tenantId, sozialraumId, ctx.businessDate);
          const inTraegerverbund = !!verbund && !!ctx.providerId && (verbund.leadProviderId === ctx.providerId || verbund.memberIds.includes(ctx.providerId));
          return {
            definition: indicatorOn(catalogue, dto.indicatorKey, `${fiscalYear}-12-31`),
            yearClosed: (await this.budgets.budgetStatus(ctx.tenantId, sozialraumId, fiscalYear)) === 'closed',
            inTraegerverbund,
          };
        },
        decide: (state, facts) =>
          decideReportValue(
            {
              sozialraumId,
              fiscalYear,
              indicatorKey: dto.indicatorKey,
              period: dto.period,
              value: dto.value,
              note: dto.note,
              reporter,
              organisationId: ctx.actor.organisationId,
              corrects: dto.corrects ?? null,
              reason: dto.reason ?? null,
            },
            state,
            facts,
          ),
      },
      { retryOnConflict: true },
    );
  }

  async proposeAgreement(
    requested: CommandContext,
    sozialraumId: string,
    fiscalYear: number,
    dto: ProposeTargetAgreementDto,
  ): Promise<Handled<TargetAgreementState, TargetAgreementEvent>> {
    const ctx = onBusinessDate(requested, dto.businessDate);
    await this.assertSozialraum(ctx, sozialraumId);
    const party = await this.actingParty(ctx, sozialraumId);
    const pool =
      dto.bonus.poolAmount !== undefined
        ? ({ kind: 'amount', amount: dto.bonus.poolAmount } as const)
        : ({ kind: 'percent-of-flexible-budget', percent: dto.bonus.poolPercentOfFlexibleBudget ?? '0' } as const);
    return this.aggregates.handle(streams.targetAgreement(ctx.tenantId, sozialraumId, fiscalYear), targetAgreementDecider, ctx, {
      facts: async () => {
        const { state: catalogue } = await this.aggregates.load(streams.indicatorCatalogue(ctx.tenantId), catalogueDecider);
        return {
          catalogue: catalogueOn(catalogue, `${fiscalYear}-12-31`),
          yearClosed: (await this.budgets.budgetStatus(ctx.tenantId, sozialraumId, fiscalYear)) === 'closed',
        };
      },
      decide: (state, facts) =>
        decideProposeTargetAgreement(
          {
            sozialraumId,
            fiscalYear,
            party,
            organisationId: ctx.actor.organisationId,
            indicators: dto.indicators.map((i) => ({ indicatorKey: i.indicatorKey, baseline: i.baseline, target: i.target, weight: i.weight })),
            bonus: { pool, minimumScorePct: dto.bonus.minimumScorePct ?? '50' },
            reason: dto.reason,
          },
          state,
          facts,
        ),
    });
  }

  async answerAgreement(
    requested: CommandContext,
    sozialraumId: string,
    fiscalYear: number,
    agreementId: string,
    answer: Answer,
    dto: AnswerTargetAgreementDto,
  ): Promise<Handled<TargetAgreementState, TargetAgreementEvent>> {
    const ctx = onBusinessDate(requested, dto.businessDate);
    await this.assertSozialraum(ctx, sozialraumId);
    const party = await this.actingParty(ctx, sozialraumId);
    return this.aggregates.handle(streams.targetAgreement(ctx.tenantId, sozialraumId, fiscalYear), targetAgreementDecider, ctx, {
      facts: async () => ({ yearClosed: (await this.budgets.budgetStatus(ctx.tenantId, sozialraumId, fiscalYear)) === 'closed' }),
      decide: (state, facts) =>
        decideAnswerTargetAgreement(
          { agreementId, answer, party, organisationId: ctx.actor.organisationId, reason: dto.reason ?? null, fiscalYear },
          state,
          facts,
        ),
    });
  }

  private async assertSozialraum(ctx: CommandContext, sozialraumId: string): Promise<void> {
    if (!(await this.masterData.sozialraumExists(ctx.tenantId, sozialraumId)))
      throw new DomainError(
        SHARED_PROBLEMS['sozialraum-not-found'],
        text(`Der Sozialraum ${sozialraumId} ist nicht registriert.`, `Sozialraum ${sozialraumId} is not registered.`),
      );
  }

  /**
   * The Jugendamt (controller) or the lead provider of the Trägerverbund on the recording day (never
   * the client-sent business date, as for reallocations).
   */
  private async actingParty(ctx: CommandContext, sozialraumId: string): Promise<Party> {
    if (ctx.actor.role === 'controller') return 'jugendamt';
    if (ctx.actor.role === 'provider') {
      const lead = await this.masterData.leadProviderOn(ctx.tenantId, sozialraumId, todayInBerlin());
      if (lead && lead === ctx.providerId) return 'lead-provider';
      throw new DomainError(
        SHARED_PROBLEMS['not-lead-provider'],
        text(
          `Nur der federführende Träger des Trägerverbunds von ${sozialraumId} schließt die Zielvereinbarung für die Träger.`,
          `Only the lead provider of the Trägerverbund of ${sozialraumId} concludes the target agreement for the providers.`,
        ),
      );
    }
    throw new DomainError(
      AUTH_PROBLEMS.forbidden,
      text('An der Zielvereinbarung wirken nur das Jugendamt und der federführende Träger mit.', 'Only the Jugendamt and the lead provider take part.'),
    );
  }
}
