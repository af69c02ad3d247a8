import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { Decimal } from '../../../../libs/money';
import { streams } from '../../../shared/stream-ids';
import { BudgetQueries } from '../../../budgets';
import { SealedTexts, textSubjects } from '../../../privacy';
import { decideSupplementaryRequest } from '../../domain/steering.decisions';
import { steeringDecider } from '../../domain/steering-stream';
import { RequestSupplementaryExpenditureCommand, SteeringHandled } from '../steering.commands';

@CommandHandler(RequestSupplementaryExpenditureCommand)
export class RequestSupplementaryExpenditureHandler implements ICommandHandler<RequestSupplementaryExpenditureCommand, SteeringHandled> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly budgets: BudgetQueries,
    private readonly texts: SealedTexts,
  ) {}

  async execute({ ctx: requested, sozialraumId, fiscalYear, dto }: RequestSupplementaryExpenditureCommand): Promise<SteeringHandled> {
    const ctx = onBusinessDate(requested, dto.businessDate);
    const { justification } = await this.texts.sealFields(ctx.tenantId, textSubjects.steering(sozialraumId, fiscalYear), dto, ['justification']);
    const command = { kind: dto.kind, amount: new Decimal(dto.amount), justification, coverSource: dto.coverSource };
    return this.aggregates.handle(
      streams.steering(ctx.tenantId, sozialraumId, fiscalYear),
      steeringDecider,
      ctx,
      {
        // R9: the value limits in force on the day of the request name the competent body.
        facts: async () => ({ terms: (await this.budgets.contractOn(ctx.tenantId, sozialraumId, ctx.businessDate)).terms }),
        decide: (state, facts) => decideSupplementaryRequest(command, state, facts),
      },
      { retryOnConflict: true },
    );
  }
}
