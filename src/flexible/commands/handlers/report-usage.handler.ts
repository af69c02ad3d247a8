import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { parseAmount } from '../../../../libs/money';
import { decideReportUsage } from '../../domain/subsidy.decisions';
import { flexibleBudgetDecider } from '../../domain/flexible-budget';
import { FLEXIBLE_HANDLE_OPTIONS, actingProvider, onBudgetYear } from '../budget-year';
import { ReportUsageCommand } from '../flexible.commands';

@CommandHandler(ReportUsageCommand)
export class ReportUsageHandler implements ICommandHandler<ReportUsageCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ ctx: requestCtx, year, subsidyId, dto }: ReportUsageCommand) {
    const { ctx, streamId } = onBudgetYear(requestCtx, year, dto.businessDate);
    const command = {
      ...year,
      subsidyId,
      providerId: actingProvider(ctx)!,
      lines: dto.lines.map((l) => ({ instalmentId: l.instalmentId, spent: parseAmount(l.spent), description: l.description })),
    };
    return this.aggregates.handle(streamId, flexibleBudgetDecider, ctx, { decide: (state) => decideReportUsage(command, state) }, FLEXIBLE_HANDLE_OPTIONS);
  }
}
