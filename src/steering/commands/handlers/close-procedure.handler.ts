import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { streams } from '../../../shared/stream-ids';
import { decideCloseProcedure } from '../../domain/steering.decisions';
import { steeringDecider } from '../../domain/steering-stream';
import { CloseProcedureCommand, SteeringHandled } from '../steering.commands';

@CommandHandler(CloseProcedureCommand)
export class CloseProcedureHandler implements ICommandHandler<CloseProcedureCommand, SteeringHandled> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ ctx, sozialraumId, fiscalYear, dto }: CloseProcedureCommand): Promise<SteeringHandled> {
    const command = { outcome: dto.outcome };
    return this.aggregates.handle(
      streams.steering(ctx.tenantId, sozialraumId, fiscalYear),
      steeringDecider,
      onBusinessDate(ctx, dto.businessDate),
      { decide: (state) => decideCloseProcedure(command, state) },
      { retryOnConflict: true },
    );
  }
}
