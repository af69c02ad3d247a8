import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { parseAmount } from '../../../../libs/money';
import { decideReportActivityActual } from '../../domain/activity.decisions';
import { flexibleBudgetDecider } from '../../domain/flexible-budget';
import { FLEXIBLE_HANDLE_OPTIONS, actingProvider, onBudgetYear } from '../budget-year';
import { ReportActivityActualCommand } from '../flexible.commands';

@CommandHandler(ReportActivityActualCommand)
export class ReportActivityActualHandler implements ICommandHandler<ReportActivityActualCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ ctx: requestCtx, year, activityId, dto }: ReportActivityActualCommand) {
    const { ctx, streamId } = onBudgetYear(requestCtx, year, dto.businessDate);
    const command = { ...year, activityId, providerId: actingProvider(ctx)!, amount: parseAmount(dto.amount), businessDate: ctx.businessDate };
    return this.aggregates.handle(
      streamId,
      flexibleBudgetDecider,
      ctx,
      { decide: (state) => decideReportActivityActual(command, state) },
      FLEXIBLE_HANDLE_OPTIONS,
    );
  }
}
