import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { streams } from '../../../shared/stream-ids';
import { SealedTexts, textSubjects } from '../../../privacy';
import { decideCloseProcedure } from '../../domain/steering.decisions';
import { steeringDecider } from '../../domain/steering-stream';
import { CloseProcedureCommand, SteeringHandled } from '../steering.commands';

@CommandHandler(CloseProcedureCommand)
export class CloseProcedureHandler implements ICommandHandler<CloseProcedureCommand, SteeringHandled> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly texts: SealedTexts,
  ) {}

  async execute({ ctx, sozialraumId, fiscalYear, dto }: CloseProcedureCommand): Promise<SteeringHandled> {
    const command = await this.texts.sealFields(ctx.tenantId, textSubjects.steering(sozialraumId, fiscalYear), { outcome: dto.outcome }, ['outcome']);
    return this.aggregates.handle(
      streams.steering(ctx.tenantId, sozialraumId, fiscalYear),
      steeringDecider,
      onBusinessDate(ctx, dto.businessDate),
      { decide: (state) => decideCloseProcedure(command, state) },
      { retryOnConflict: true },
    );
  }
}
