import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { streams } from '../../../shared/stream-ids';
import { MasterDataQueries } from '../../../master-data';
import { SealedTexts, textSubjects } from '../../../privacy';
import { decideSteeringMeeting } from '../../domain/steering.decisions';
import { steeringDecider } from '../../domain/steering-stream';
import { HoldSteeringMeetingCommand, SteeringHandled } from '../steering.commands';

@CommandHandler(HoldSteeringMeetingCommand)
export class HoldSteeringMeetingHandler implements ICommandHandler<HoldSteeringMeetingCommand, SteeringHandled> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly directory: MasterDataQueries,
    private readonly texts: SealedTexts,
  ) {}

  async execute({ ctx, sozialraumId, fiscalYear, dto }: HoldSteeringMeetingCommand): Promise<SteeringHandled> {
    const measures = await this.texts.sealList(ctx.tenantId, textSubjects.steering(sozialraumId, fiscalYear), dto.measures);
    const command = { heldOn: dto.heldOn, participants: dto.participants, measures };
    return this.aggregates.handle(
      streams.steering(ctx.tenantId, sozialraumId, fiscalYear),
      steeringDecider,
      onBusinessDate(ctx, dto.heldOn),
      {
        // The parties of the meeting: the Jugendamt and the Trägerverbund's lead provider on the meeting day.
        facts: async () => ({ jugendamtId: ctx.tenantId, leadProviderId: await this.directory.leadProviderOn(ctx.tenantId, sozialraumId, dto.heldOn) }),
        decide: (state, parties) => decideSteeringMeeting(command, state, parties),
      },
      { retryOnConflict: true },
    );
  }
}
