import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '../../../../libs/ddd/domain-error';
import { parseAmount } from '../../../../libs/money';
import { decideGrantSubsidy } from '../../domain/subsidy.decisions';
import { MasterDataQueries } from '../../../master-data';
import { FlexibleBudgetStore } from '../flexible-budget-store';
import { GrantSubsidyCommand } from '../flexible.commands';

@CommandHandler(GrantSubsidyCommand)
export class GrantSubsidyHandler implements ICommandHandler<GrantSubsidyCommand> {
  constructor(private readonly store: FlexibleBudgetStore, private readonly providers: MasterDataQueries) {}

  async execute({ ctx, year, dto }: GrantSubsidyCommand) {
    if (!(await this.providers.providerExists(ctx.tenantId, dto.providerId))) {
      throw new DomainError('provider-not-found', 'Not found', `provider ${dto.providerId} is not registered`, 404);
    }
    const command = {
      providerId: dto.providerId,
      category: dto.category,
      purpose: dto.purpose,
      total: parseAmount(dto.total),
      instalments: dto.instalments.map((i) => ({ dueDate: i.dueDate, amount: parseAmount(i.amount) })),
    };
    const handled = await this.store.handle(ctx, year, dto.businessDate, (state, c) => decideGrantSubsidy({ ...command, bescheidDate: c.businessDate }, state, year.sozialraumId, year.fiscalYear));
    return { ...handled, subsidyId: (handled.events[0].data as { subsidyId: string }).subsidyId };
  }
}
