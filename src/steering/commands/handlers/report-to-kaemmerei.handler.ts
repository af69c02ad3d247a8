import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { EVENT_STORE, EventStore } from '../../../../libs/event-store';
import { streams } from '../../../shared/stream-ids';
import { BudgetQueries } from '../../../budgets';
import { KaemmereiReportFacts, decideKaemmereiReport } from '../../domain/steering.decisions';
import { steeringDecider } from '../../domain/steering-stream';
import { SteeringQueries } from '../../queries/steering-queries';
import { ReportToKaemmereiCommand, SteeringHandled } from '../steering.commands';
import { assertBudget } from '../steering-command-support';

/**
 * Records a sending of the report to the Kämmerei with the figures as sent: the book replayed
 * from the log up to its head (all corrections known now, as the report's GET shows them).
 */
@CommandHandler(ReportToKaemmereiCommand)
export class ReportToKaemmereiHandler implements ICommandHandler<ReportToKaemmereiCommand, SteeringHandled> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly queries: SteeringQueries,
    private readonly budgets: BudgetQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ ctx, sozialraumId, fiscalYear, dto }: ReportToKaemmereiCommand): Promise<SteeringHandled> {
    await assertBudget(this.budgets, ctx.tenantId, sozialraumId, fiscalYear);
    const reportedOn = dto.reportedOn ?? ctx.businessDate;
    const command = { sozialraumId, fiscalYear, reportedOn, reference: dto.reference };
    return this.aggregates.handle(
      streams.steering(ctx.tenantId, sozialraumId, fiscalYear),
      steeringDecider,
      onBusinessDate(ctx, reportedOn),
      {
        facts: async (): Promise<KaemmereiReportFacts> => {
          const head = await this.store.headCheckpoint();
          const book = await this.queries.book(ctx.tenantId, sozialraumId, fiscalYear, { knownAtPosition: head.position });
          const totals = book.totals();
          return {
            budget: book.budgetTotal,
            forecast: totals.forecast,
            actual: totals.actual,
            logPosition: head.position,
            termsOn: await this.queries.termsOn(ctx.tenantId, sozialraumId),
          };
        },
        decide: (state, facts) => decideKaemmereiReport(command, state, facts),
      },
      { retryOnConflict: true },
    );
  }
}
