import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { DomainError } from '../../../../libs/ddd/domain-error';
import { streams } from '../../../shared/stream-ids';
import { decideChangeSozialraum, decideFormTraegerverbund, decideRegisterSozialraum, sozialraumDecider } from '../../domain/sozialraum';
import { MasterDataQueries } from '../../master-data-queries';
import { ChangeSozialraumCommand, FormTraegerverbundCommand, RegisterSozialraumCommand } from '../master-data.commands';

@CommandHandler(RegisterSozialraumCommand)
export class RegisterSozialraumHandler implements ICommandHandler<RegisterSozialraumCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ ctx, dto }: RegisterSozialraumCommand) {
    const handled = await this.aggregates.handle(streams.sozialraum(ctx.tenantId, dto.sozialraumId), sozialraumDecider, ctx, (state) =>
      decideRegisterSozialraum(
        {
          sozialraumId: dto.sozialraumId,
          name: dto.name,
          residents: dto.residents ?? null,
          residentsUnder21: dto.residentsUnder21 ?? null,
          validFrom: dto.validFrom ?? ctx.businessDate,
        },
        state,
      ),
    );
    return { sozialraumId: dto.sozialraumId, version: handled.version, state: handled.state };
  }
}

@CommandHandler(ChangeSozialraumCommand)
export class ChangeSozialraumHandler implements ICommandHandler<ChangeSozialraumCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ ctx, sozialraumId, dto }: ChangeSozialraumCommand) {
    const handled = await this.aggregates.handle(streams.sozialraum(ctx.tenantId, sozialraumId), sozialraumDecider, ctx, (state) => decideChangeSozialraum(dto, state), {
      retryOnConflict: true,
    });
    return { sozialraumId, version: handled.version, state: handled.state };
  }
}

@CommandHandler(FormTraegerverbundCommand)
export class FormTraegerverbundHandler implements ICommandHandler<FormTraegerverbundCommand> {
  constructor(private readonly aggregates: AggregateStore, private readonly masterData: MasterDataQueries) {}

  async execute({ ctx, sozialraumId, dto }: FormTraegerverbundCommand) {
    for (const providerId of [dto.leadProviderId, ...dto.memberProviderIds]) {
      if (!(await this.masterData.getProvider(ctx.tenantId, providerId))) {
        throw new DomainError('provider-not-registered', 'Provider not registered', `provider ${providerId} is not registered`, 422, { providerId });
      }
    }
    const handled = await this.aggregates.handle(streams.sozialraum(ctx.tenantId, sozialraumId), sozialraumDecider, ctx, (state) => decideFormTraegerverbund(dto, state), {
      retryOnConflict: true,
    });
    return { sozialraumId, version: handled.version, state: handled.state };
  }
}
