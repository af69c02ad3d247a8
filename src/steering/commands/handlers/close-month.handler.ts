import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { lastDayOfMonth } from '../../../../libs/calendar';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { EVENT_STORE, EventStore } from '../../../../libs/event-store';
import { streams } from '../../../shared/stream-ids';
import { BudgetQueries } from '../../../budgets';
import { decideMonthClose } from '../../domain/steering.decisions';
import { steeringDecider } from '../../domain/steering-stream';
import { SteeringQueries } from '../../queries/steering-queries';
import { CloseMonthCommand, SteeringHandled } from '../steering.commands';
import { assertBudget } from '../steering-command-support';

@CommandHandler(CloseMonthCommand)
export class CloseMonthHandler implements ICommandHandler<CloseMonthCommand, SteeringHandled> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly queries: SteeringQueries,
    private readonly budgets: BudgetQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ ctx: requested, sozialraumId, fiscalYear, dto }: CloseMonthCommand): Promise<SteeringHandled> {
    const ctx = onBusinessDate(requested, dto.businessDate);
    await assertBudget(this.budgets, ctx.tenantId, sozialraumId, fiscalYear);
    const command = { sozialraumId, fiscalYear, month: dto.month, closedOn: ctx.businessDate };
    const monthEnd = lastDayOfMonth(dto.month);
    return this.aggregates.handle(streams.steering(ctx.tenantId, sozialraumId, fiscalYear), steeringDecider, ctx, {
      // The list frozen is the book as of the month end, as the log holds it at the close.
      facts: async () => {
        const head = await this.store.headCheckpoint();
        const book = await this.queries.book(ctx.tenantId, sozialraumId, fiscalYear, { asOf: monthEnd, knownAtPosition: head.position });
        const { terms } = await this.budgets.contractOn(ctx.tenantId, sozialraumId, monthEnd);
        return { forecast: book.totals().forecast, budget: book.budgetTotal, monitoringList: book.monitoringList(), logPosition: head.position, terms };
      },
      decide: (state, facts) => decideMonthClose(command, state, facts),
    });
  }
}
