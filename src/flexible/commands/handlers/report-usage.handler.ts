import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { parseAmount } from '../../../../libs/money';
import { decideReportUsage } from '../../domain/subsidy.decisions';
import { FlexibleBudgetStore, actingProvider } from '../flexible-budget-store';
import { ReportUsageCommand } from '../flexible.commands';

@CommandHandler(ReportUsageCommand)
export class ReportUsageHandler implements ICommandHandler<ReportUsageCommand> {
  constructor(private readonly store: FlexibleBudgetStore) {}

  execute({ ctx, year, subsidyId, dto }: ReportUsageCommand) {
    const providerId = actingProvider(ctx)!;
    const lines = dto.lines.map((l) => ({ instalmentId: l.instalmentId, spent: parseAmount(l.spent), description: l.description }));
    return this.store.handle(ctx, year, dto.businessDate, (state) => decideReportUsage({ subsidyId, providerId, lines }, state, year.sozialraumId, year.fiscalYear));
  }
}
