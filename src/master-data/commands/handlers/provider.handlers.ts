import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { DomainError } from '../../../../libs/ddd/domain-error';
import { parseAmount, formatAmount } from '../../../../libs/money';
import { streams } from '../../../shared/stream-ids';
import { decideChangeProvider, decideRegisterProvider, providerDecider } from '../../domain/provider';
import { decideConcludeRateAgreement, decideEndRateAgreement, rateAgreementsDecider } from '../../domain/rate-agreements';
import { MasterDataQueries } from '../../master-data-queries';
import { ChangeProviderCommand, ConcludeRateAgreementCommand, EndRateAgreementCommand, RegisterProviderCommand } from '../master-data.commands';

@CommandHandler(RegisterProviderCommand)
export class RegisterProviderHandler implements ICommandHandler<RegisterProviderCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ ctx, dto }: RegisterProviderCommand) {
    const handled = await this.aggregates.handle(streams.provider(ctx.tenantId, dto.providerId), providerDecider, ctx, (state) =>
      decideRegisterProvider({ providerId: dto.providerId, name: dto.name, legalForm: dto.legalForm ?? 'sonstige' }, state),
    );
    return { providerId: dto.providerId, version: handled.version, ...handled.state.facts };
  }
}

@CommandHandler(ChangeProviderCommand)
export class ChangeProviderHandler implements ICommandHandler<ChangeProviderCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ ctx, providerId, dto }: ChangeProviderCommand) {
    const handled = await this.aggregates.handle(streams.provider(ctx.tenantId, providerId), providerDecider, ctx, (state) => decideChangeProvider(dto, state), {
      retryOnConflict: true,
    });
    return { providerId, version: handled.version, ...handled.state.facts };
  }
}

async function assertProvider(masterData: MasterDataQueries, tenantId: string, providerId: string): Promise<void> {
  if (!(await masterData.getProvider(tenantId, providerId))) {
    throw new DomainError('provider-not-found', 'Not found', `provider ${providerId} is not registered`, 404);
  }
}

@CommandHandler(ConcludeRateAgreementCommand)
export class ConcludeRateAgreementHandler implements ICommandHandler<ConcludeRateAgreementCommand> {
  constructor(private readonly aggregates: AggregateStore, private readonly masterData: MasterDataQueries) {}

  async execute({ ctx, providerId, dto }: ConcludeRateAgreementCommand) {
    await assertProvider(this.masterData, ctx.tenantId, providerId);
    const handled = await this.aggregates.handle(
      streams.rateAgreements(ctx.tenantId, providerId),
      rateAgreementsDecider,
      ctx,
      (state) =>
        decideConcludeRateAgreement(
          {
            providerId,
            legalBasis: dto.legalBasis,
            rateType: dto.rateType,
            amount: formatAmount(parseAmount(dto.amount)),
            validFrom: dto.validFrom,
            validTo: dto.validTo ?? null,
            reference: dto.reference ?? null,
          },
          state,
        ),
      // The overlap check depends only on this stream, so a lost race is safely re-decided.
      { retryOnConflict: true },
    );
    return { providerId, version: handled.version, agreement: handled.state.agreements[handled.state.agreements.length - 1] };
  }
}

@CommandHandler(EndRateAgreementCommand)
export class EndRateAgreementHandler implements ICommandHandler<EndRateAgreementCommand> {
  constructor(private readonly aggregates: AggregateStore, private readonly masterData: MasterDataQueries) {}

  async execute({ ctx, providerId, agreementId, dto }: EndRateAgreementCommand) {
    await assertProvider(this.masterData, ctx.tenantId, providerId);
    const handled = await this.aggregates.handle(streams.rateAgreements(ctx.tenantId, providerId), rateAgreementsDecider, ctx, (state) =>
      decideEndRateAgreement({ agreementId, ...dto }, state),
      { retryOnConflict: true },
    );
    return { providerId, version: handled.version, agreement: handled.state.agreements.find((a) => a.agreementId === agreementId) };
  }
}
