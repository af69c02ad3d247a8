import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
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
      },
      FLEXIBLE_HANDLE_OPTIONS,
    );
    return { ...handled, activityId: decidedEvent(handled.events, 'FlexibleActivityReported').data.activityId };
  }
}
