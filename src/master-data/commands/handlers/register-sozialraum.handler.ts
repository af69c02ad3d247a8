import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { streams } from '../../../shared/stream-ids';
import { decideRegisterSozialraum, sozialraumDecider } from '../../domain/sozialraum';
import { RegisterSozialraumCommand } from '../master-data.commands';

@CommandHandler(RegisterSozialraumCommand)
export class RegisterSozialraumHandler implements ICommandHandler<RegisterSozialraumCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ ctx, dto }: RegisterSozialraumCommand) {
    const command = {
      sozialraumId: dto.sozialraumId,
      name: dto.name,
      residents: dto.residents ?? null,
      residentsUnder21: dto.residentsUnder21 ?? null,
      validFrom: dto.validFrom ?? ctx.businessDate,
    };
    const handled = await this.aggregates.handle(streams.sozialraum(ctx.tenantId, dto.sozialraumId), sozialraumDecider, ctx, {
      decide: (state) => decideRegisterSozialraum(command, state),
    });
    return { sozialraumId: dto.sozialraumId, version: handled.version, state: handled.state };
  }
}
