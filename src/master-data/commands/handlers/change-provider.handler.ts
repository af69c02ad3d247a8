import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { streams } from '../../../shared/stream-ids';
import { decideChangeProvider, providerDecider } from '../../domain/provider';
import { ChangeProviderCommand } from '../master-data.commands';

@CommandHandler(ChangeProviderCommand)
export class ChangeProviderHandler implements ICommandHandler<ChangeProviderCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ ctx, providerId, dto }: ChangeProviderCommand) {
    const command = { name: dto.name, legalForm: dto.legalForm, reason: dto.reason };
    const handled = await this.aggregates.handle(
      streams.provider(ctx.tenantId, providerId),
      providerDecider,
      ctx,
      {
        decide: (state) => decideChangeProvider(command, state),
      },
      { retryOnConflict: true },
    );
    return { providerId, version: handled.version, ...handled.state.facts };
  }
}
