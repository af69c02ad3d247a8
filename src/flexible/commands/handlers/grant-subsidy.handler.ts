import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { parseAmount } from '../../../../libs/money';
import { MasterDataQueries } from '../../../master-data';
import { decidedEvent, flexibleBudgetDecider } from '../../domain/flexible-budget';
import { decideGrantSubsidy } from '../../domain/subsidy.decisions';
import { FLEXIBLE_HANDLE_OPTIONS, onBudgetYear } from '../budget-year';
import { GrantSubsidyCommand } from '../flexible.commands';

@CommandHandler(GrantSubsidyCommand)
export class GrantSubsidyHandler implements ICommandHandler<GrantSubsidyCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly masterData: MasterDataQueries,
  ) {}

  async execute({ ctx: requestCtx, year, dto }: GrantSubsidyCommand) {
    const { ctx, streamId } = onBudgetYear(requestCtx, year, dto.businessDate);
    const command = {
      ...year,
      providerId: dto.providerId,
      category: dto.category,
      purpose: dto.purpose,
      total: parseAmount(dto.total),
      instalments: dto.instalments.map((i) => ({ dueDate: i.dueDate, amount: parseAmount(i.amount) })),
      // The Bescheid is dated on the command's business date.
      bescheidDate: ctx.businessDate,
    };
    const handled = await this.aggregates.handle(
      streamId,
      flexibleBudgetDecider,
      ctx,
      {
        facts: async () => ({ providerRegistered: await this.masterData.providerExists(ctx.tenantId, dto.providerId) }),
        decide: (state, facts) => decideGrantSubsidy(command, state, facts),
      },
      FLEXIBLE_HANDLE_OPTIONS,
    );
    return { ...handled, subsidyId: decidedEvent(handled.events, 'SubsidyGranted').data.subsidyId };
  }
}
