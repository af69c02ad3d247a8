import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { streams } from '../../../shared/stream-ids';
import { decideFormTraegerverbund, sozialraumDecider } from '../../domain/sozialraum';
import { MasterDataQueries } from '../../master-data-queries';
import { FormTraegerverbundCommand } from '../master-data.commands';

@CommandHandler(FormTraegerverbundCommand)
export class FormTraegerverbundHandler implements ICommandHandler<FormTraegerverbundCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly masterData: MasterDataQueries,
  ) {}

  async execute({ ctx, sozialraumId, dto }: FormTraegerverbundCommand) {
    const command = { effectiveFrom: dto.effectiveFrom, leadProviderId: dto.leadProviderId, memberProviderIds: dto.memberProviderIds };
    const handled = await this.aggregates.handle(
      streams.sozialraum(ctx.tenantId, sozialraumId),
      sozialraumDecider,
      ctx,
      {
        facts: async () => {
          const unregisteredProviderIds: string[] = [];
          for (const providerId of [dto.leadProviderId, ...dto.memberProviderIds]) {
            if (!(await this.masterData.providerExists(ctx.tenantId, providerId))) unregisteredProviderIds.push(providerId);
          }
          return { unregisteredProviderIds };
        },
        decide: (state, facts) => decideFormTraegerverbund(command, state, facts),
      },
      { retryOnConflict: true },
    );
    return { sozialraumId, version: handled.version, state: handled.state };
  }
}
