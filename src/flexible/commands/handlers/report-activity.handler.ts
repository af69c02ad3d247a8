import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { SealedTexts, textSubjects } from '../../../privacy';
import { parseAmount } from '../../../../libs/money';
import { MasterDataQueries } from '../../../master-data';
import { decideReportActivity } from '../../domain/activity.decisions';
import { decidedEvent, flexibleBudgetDecider } from '../../domain/flexible-budget';
import { FLEXIBLE_HANDLE_OPTIONS, actingProvider, onBudgetYear } from '../budget-year';
import { ReportActivityCommand } from '../flexible.commands';

@CommandHandler(ReportActivityCommand)
export class ReportActivityHandler implements ICommandHandler<ReportActivityCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly masterData: MasterDataQueries,
    private readonly texts: SealedTexts,
  ) {}

  async execute({ ctx: requestCtx, year, dto }: ReportActivityCommand) {
    const { ctx, streamId } = onBudgetYear(requestCtx, year, dto.businessDate);
    const command = {
      ...year,
      providerId: actingProvider(ctx)!,
      category: dto.category,
      activityDate: dto.activityDate,
      amount: parseAmount(dto.amount),
      description: dto.description,
      evidenceReference: dto.evidenceReference ?? null,
    };
    const handled = await this.aggregates.handle(
      streamId,
      flexibleBudgetDecider,
      ctx,
      {
        facts: async () => ({ verbund: await this.masterData.traegerverbundOn(ctx.tenantId, year.sozialraumId, dto.activityDate) }),
        decide: (state, facts) => decideReportActivity(command, state, facts),
        // Sealed under the activity's own key, whose id the decision made.
        prepare: (events) =>
          this.texts.sealEvents(ctx.tenantId, events, (e) =>
            e.type === 'FlexibleActivityReported' ? { subject: textSubjects.activity(year.sozialraumId, e.data.activityId), fields: ['description'] } : null,
          ),
      },
      FLEXIBLE_HANDLE_OPTIONS,
    );
    return { ...handled, activityId: decidedEvent(handled.events, 'FlexibleActivityReported').data.activityId };
  }
}
