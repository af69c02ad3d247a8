import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { EVENT_STORE, EventStore } from '../../../../libs/event-store';
import { streams } from '../../../shared/stream-ids';
import { BudgetQueries } from '../../../budgets';
import { MasterDataQueries } from '../../../master-data';
import { SettlementFacts, decideCalculateSettlement } from '../../domain/steering.decisions';
import { steeringDecider } from '../../domain/steering-stream';
import { SteeringQueries } from '../../queries/steering-queries';
import { calculateSettlement } from '../../domain/settlement';
import { SettlementEvaluations } from '../../settlement-evaluations';
import { CalculateSettlementCommand, SteeringHandled } from '../steering.commands';

@CommandHandler(CalculateSettlementCommand)
export class CalculateSettlementHandler implements ICommandHandler<CalculateSettlementCommand, SteeringHandled> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly queries: SteeringQueries,
    private readonly budgets: BudgetQueries,
    private readonly directory: MasterDataQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly evaluations: SettlementEvaluations,
  ) {}

  async execute({ ctx: requested, sozialraumId, fiscalYear, dto }: CalculateSettlementCommand): Promise<SteeringHandled> {
    const ctx = onBusinessDate(requested, dto.businessDate);
    const command = { sozialraumId, fiscalYear };
    const yearEnd = `${fiscalYear}-12-31`;
    return this.aggregates.handle(streams.steering(ctx.tenantId, sozialraumId, fiscalYear), steeringDecider, ctx, {
      // The closed year's book with every correction the log holds now, the contract and the lead provider at the year end.
      facts: async (state): Promise<SettlementFacts> => {
        if ((await this.budgets.budgetStatus(ctx.tenantId, sozialraumId, fiscalYear)) !== 'closed') return { yearClosed: false as const };
        const head = await this.store.headCheckpoint();
        const book = await this.queries.book(ctx.tenantId, sozialraumId, fiscalYear, { knownAtPosition: head.position });
        const { terms } = await this.budgets.contractOn(ctx.tenantId, sozialraumId, yearEnd);
        const leadProviderId = await this.directory.leadProviderOn(ctx.tenantId, sozialraumId, yearEnd);
        const budget = book.budgetTotal;
        const flexibleBudget = book.planned.FUE.plus(book.planned.FU);
        const actual = book.totals().actual;
        // The evaluation is taken from the same horizon as the settlement's figures (and not at all once it exists).
        const evaluation = state.settlement
          ? null
          : await this.evaluations.evaluate({
              tenantId: ctx.tenantId,
              sozialraumId,
              fiscalYear,
              logPosition: head.position,
              settlement: calculateSettlement(budget, flexibleBudget, actual, terms),
            });
        return { yearClosed: true as const, budget, flexibleBudget, actual, terms, leadProviderId, logPosition: head.position, evaluation };
      },
      decide: (state, facts) => decideCalculateSettlement(command, state, facts),
    });
  }
}
