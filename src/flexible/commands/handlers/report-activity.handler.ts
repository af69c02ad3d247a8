import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { parseAmount } from '../../../../libs/money';
import { decideReportActivity } from '../../domain/activity.decisions';
import { FlexibleBudgetStore, actingProvider } from '../flexible-budget-store';
import { ReportActivityCommand } from '../flexible.commands';
import { MasterDataQueries } from '../../../master-data';

@CommandHandler(ReportActivityCommand)
export class ReportActivityHandler implements ICommandHandler<ReportActivityCommand> {
  constructor(private readonly store: FlexibleBudgetStore, private readonly providers: MasterDataQueries) {}

  async execute({ ctx, year, dto }: ReportActivityCommand) {
    const command = {
      providerId: actingProvider(ctx)!,
      category: dto.category,
      activityDate: dto.activityDate,
      amount: parseAmount(dto.amount),
      description: dto.description,
      evidenceReference: dto.evidenceReference ?? null,
    };
    const verbund = await this.providers.traegerverbundOn(ctx.tenantId, year.sozialraumId, dto.activityDate);
    const handled = await this.store.handle(ctx, year, dto.businessDate, (state) => decideReportActivity(command, state, year.sozialraumId, year.fiscalYear, verbund));
    return { ...handled, activityId: (handled.events[0].data as { activityId: string }).activityId };
  }
}
