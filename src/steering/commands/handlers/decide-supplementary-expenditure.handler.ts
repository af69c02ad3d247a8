import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { streams } from '../../../shared/stream-ids';
import { SealedTexts, textSubjects } from '../../../privacy';
import { decideSupplementaryDecision } from '../../domain/steering.decisions';
import { steeringDecider } from '../../domain/steering-stream';
import { DecideSupplementaryExpenditureCommand, SteeringHandled } from '../steering.commands';

@CommandHandler(DecideSupplementaryExpenditureCommand)
export class DecideSupplementaryExpenditureHandler implements ICommandHandler<DecideSupplementaryExpenditureCommand, SteeringHandled> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly texts: SealedTexts,
  ) {}

  async execute({ ctx, sozialraumId, fiscalYear, requestId, dto }: DecideSupplementaryExpenditureCommand): Promise<SteeringHandled> {
    const { note } = await this.texts.sealFields(ctx.tenantId, textSubjects.steering(sozialraumId, fiscalYear), dto, ['note']);
    const command = { requestId, body: dto.body, approved: dto.approved, decisionReference: dto.decisionReference, note: note ?? null };
    return this.aggregates.handle(
      streams.steering(ctx.tenantId, sozialraumId, fiscalYear),
      steeringDecider,
      onBusinessDate(ctx, dto.businessDate),
      { decide: (state) => decideSupplementaryDecision(command, state) },
      { retryOnConflict: true },
    );
  }
}
