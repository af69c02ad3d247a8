import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { streams } from '../../../shared/stream-ids';
import { decideChangeSozialraum, sozialraumDecider } from '../../domain/sozialraum';
import { ChangeSozialraumCommand } from '../master-data.commands';

@CommandHandler(ChangeSozialraumCommand)
export class ChangeSozialraumHandler implements ICommandHandler<ChangeSozialraumCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ ctx, sozialraumId, dto }: ChangeSozialraumCommand) {
    // A figure left out keeps the value in force (undefined), which null would clear.
    const command = { validFrom: dto.validFrom, reason: dto.reason, name: dto.name, residents: dto.residents, residentsUnder21: dto.residentsUnder21 };
    const handled = await this.aggregates.handle(
      streams.sozialraum(ctx.tenantId, sozialraumId),
      sozialraumDecider,
      ctx,
      {
        decide: (state) => decideChangeSozialraum(command, state),
      },
      { retryOnConflict: true },
    );
    return { sozialraumId, version: handled.version, state: handled.state };
  }
}
