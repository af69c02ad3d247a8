import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { parseAmount } from '../../../../libs/money';
import { decideReportActivity } from '../../domain/activity.decisions';
import { FlexibleBudgetStore, actingProvider } from '../flexible-budget-store';
import { ReportActivityCommand } from '../flexible.commands';

@CommandHandler(ReportActivityCommand)
export class ReportActivityHandler implements ICommandHandler<ReportActivityCommand> {
  constructor(private readonly store: FlexibleBudgetStore) {}

  async execute({ ctx, year, dto }: ReportActivityCommand) {
    const command = {
      providerId: actingProvider(ctx)!,
      category: dto.category,
      activityDate: dto.activityDate,
      amount: parseAmount(dto.amount),
      description: dto.description,
      evidenceReference: dto.evidenceReference ?? null,
    };
    const handled = await this.store.handle(ctx, year, dto.businessDate, (state) => decideReportActivity(command, state, year.sozialraumId, year.fiscalYear));
    return { ...handled, activityId: (handled.events[0].data as { activityId: string }).activityId };
  }
}
