import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { parseAmount } from '../../../../libs/money';
import { decideReportActivityActual } from '../../domain/activity.decisions';
import { FlexibleBudgetStore, actingProvider } from '../flexible-budget-store';
import { ReportActivityActualCommand } from '../flexible.commands';

@CommandHandler(ReportActivityActualCommand)
export class ReportActivityActualHandler implements ICommandHandler<ReportActivityActualCommand> {
  constructor(private readonly store: FlexibleBudgetStore) {}

  execute({ ctx, year, activityId, dto }: ReportActivityActualCommand) {
    const providerId = actingProvider(ctx)!;
    const amount = parseAmount(dto.amount);
    return this.store.handle(ctx, year, dto.businessDate, (state, c) =>
      decideReportActivityActual({ activityId, providerId, amount, businessDate: c.businessDate }, state, year.sozialraumId, year.fiscalYear),
    );
  }
}
