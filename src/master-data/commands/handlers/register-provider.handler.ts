import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { streams } from '../../../shared/stream-ids';
import { decideRegisterProvider, providerDecider } from '../../domain/provider';
import { RegisterProviderCommand } from '../master-data.commands';

@CommandHandler(RegisterProviderCommand)
export class RegisterProviderHandler implements ICommandHandler<RegisterProviderCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ ctx, dto }: RegisterProviderCommand) {
    const command = { providerId: dto.providerId, name: dto.name, legalForm: dto.legalForm ?? 'sonstige' };
    const handled = await this.aggregates.handle(streams.provider(ctx.tenantId, dto.providerId), providerDecider, ctx, {
      decide: (state) => decideRegisterProvider(command, state),
    });
    return { providerId: dto.providerId, version: handled.version, ...handled.state.facts };
  }
}
