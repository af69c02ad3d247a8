import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { SealedTexts, textSubjects } from '../../../privacy';
import { parseAmount } from '../../../../libs/money';
import { decideReportUsage } from '../../domain/subsidy.decisions';
import { flexibleBudgetDecider } from '../../domain/flexible-budget';
import { usageReportId } from '../../domain/flexible-state';
import { FLEXIBLE_HANDLE_OPTIONS, actingProvider, onBudgetYear } from '../budget-year';
import { ReportUsageCommand } from '../flexible.commands';

@CommandHandler(ReportUsageCommand)
export class ReportUsageHandler implements ICommandHandler<ReportUsageCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly texts: SealedTexts,
  ) {}

  async execute({ ctx: requestCtx, year, subsidyId, dto }: ReportUsageCommand) {
    const { ctx, streamId } = onBudgetYear(requestCtx, year, dto.businessDate);
    const command = {
      ...year,
      subsidyId,
      providerId: actingProvider(ctx)!,
      lines: (await this.texts.sealEach(ctx.tenantId, textSubjects.subsidy(year.sozialraumId, subsidyId), dto.lines, ['description'])).map((l) => ({
        instalmentId: l.instalmentId,
        spent: parseAmount(l.spent),
        description: l.description,
      })),
    };
    const handled = await this.aggregates.handle(
      streamId,
      flexibleBudgetDecider,
      ctx,
      { decide: (state) => decideReportUsage(command, state) },
      FLEXIBLE_HANDLE_OPTIONS,
    );
    // The report just recorded is the subsidy's latest: its number is the count of reports so far.
    return { ...handled, reportId: usageReportId(handled.state.flexible.subsidies[subsidyId].usageReports) };
  }
}
