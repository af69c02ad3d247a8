import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { formatAmount, parseAmount } from '../../../../libs/money';
import { streams } from '../../../shared/stream-ids';
import { decideConcludeRateAgreement, rateAgreementsDecider } from '../../domain/rate-agreements';
import { MasterDataQueries } from '../../master-data-queries';
import { ConcludeRateAgreementCommand } from '../master-data.commands';

@CommandHandler(ConcludeRateAgreementCommand)
export class ConcludeRateAgreementHandler implements ICommandHandler<ConcludeRateAgreementCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly masterData: MasterDataQueries,
  ) {}

  async execute({ ctx, providerId, dto }: ConcludeRateAgreementCommand) {
    const command = {
      providerId,
      legalBasis: dto.legalBasis,
      rateType: dto.rateType,
      amount: formatAmount(parseAmount(dto.amount)),
      validFrom: dto.validFrom,
      validTo: dto.validTo ?? null,
      reference: dto.reference ?? null,
    };
    // The overlap check depends only on this stream, so a lost race is safely re-decided.
    const handled = await this.aggregates.handle(
      streams.rateAgreements(ctx.tenantId, providerId),
      rateAgreementsDecider,
      ctx,
      {
        facts: async () => ({ providerRegistered: await this.masterData.providerExists(ctx.tenantId, providerId) }),
        decide: (state, facts) => decideConcludeRateAgreement(command, state, facts),
      },
      { retryOnConflict: true },
    );
    return { providerId, version: handled.version, agreement: handled.state.agreements[handled.state.agreements.length - 1] };
  }
}
