import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { onBusinessDate, satisfiesIfMatch } from '../../../../libs/ddd/command-context';
import { PreconditionFailed } from '../../../../libs/ddd/domain-error';
import { Decimal } from '../../../../libs/money';
import { streams } from '../../../shared/stream-ids';
import { BudgetQueries, BudgetYearEnd } from '../../../budgets';
import { decideSettlementApplied, settlementApplication } from '../../domain/steering.decisions';
import { steeringDecider } from '../../domain/steering-stream';
import { ApplySettlementCommand, SteeringHandled } from '../steering.commands';
import { withoutIfMatch } from '../steering-command-support';

/**
 * R10: after both confirmations the result becomes a budget event of the next fiscal year.
 * If-Match names the version of the steering stream (ETag of GET /steering/:sozialraumId/:fiscalYear);
 * it is checked once, before anything is written, and the appends that follow (next year's
 * budget, then the steering stream) use their own current versions.
 */
@CommandHandler(ApplySettlementCommand)
export class ApplySettlementHandler implements ICommandHandler<ApplySettlementCommand, SteeringHandled> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly budgets: BudgetQueries,
    private readonly budgetYearEnd: BudgetYearEnd,
  ) {}

  async execute({ ctx: requested, sozialraumId, fiscalYear, dto }: ApplySettlementCommand): Promise<SteeringHandled> {
    const steeringStream = streams.steering(requested.tenantId, sozialraumId, fiscalYear);
    const { state, version } = await this.aggregates.load(steeringStream, steeringDecider);
    if (requested.expectedVersion !== undefined && !satisfiesIfMatch(requested.expectedVersion, version))
      throw new PreconditionFailed(requested.expectedVersion, version);
    const ctx = withoutIfMatch(onBusinessDate(requested, dto.businessDate));
    const command = { sozialraumId, fiscalYear };
    // Decided before anything is written: the budget of the next year takes it first, then the steering stream records it.
    const application = settlementApplication(command, state, {
      nextYearBudget: (await this.budgets.budgetStatus(ctx.tenantId, sozialraumId, fiscalYear + 1)) !== 'none',
    });
    const bonus = new Decimal(application.bonus ?? '0');
    if (application.kind !== 'none' || !bonus.isZero()) {
      await this.budgetYearEnd.applySettlement(ctx, sozialraumId, fiscalYear + 1, {
        settlementId: application.settlementId,
        fromFiscalYear: fiscalYear,
        kind: application.kind,
        amount: new Decimal(application.amount),
        bonus,
      });
    }
    return this.aggregates.handle(
      steeringStream,
      steeringDecider,
      ctx,
      { decide: (current) => decideSettlementApplied(application, current) },
      { retryOnConflict: true },
    );
  }
}
