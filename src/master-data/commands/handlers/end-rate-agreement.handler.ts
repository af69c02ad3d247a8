import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { streams } from '../../../shared/stream-ids';
import { decideEndRateAgreement, rateAgreementsDecider } from '../../domain/rate-agreements';
import { MasterDataQueries } from '../../master-data-queries';
import { EndRateAgreementCommand } from '../master-data.commands';

@CommandHandler(EndRateAgreementCommand)
export class EndRateAgreementHandler implements ICommandHandler<EndRateAgreementCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly masterData: MasterDataQueries,
  ) {}

  async execute({ ctx, providerId, agreementId, dto }: EndRateAgreementCommand) {
    const command = { providerId, agreementId, validTo: dto.validTo, reason: dto.reason };
    const handled = await this.aggregates.handle(
      streams.rateAgreements(ctx.tenantId, providerId),
      rateAgreementsDecider,
      ctx,
      {
        facts: async () => ({ providerRegistered: await this.masterData.providerExists(ctx.tenantId, providerId) }),
        decide: (state, facts) => decideEndRateAgreement(command, state, facts),
      },
      { retryOnConflict: true },
    );
    return { providerId, version: handled.version, agreement: handled.state.agreements.find((a) => a.agreementId === agreementId) };
  }
}
