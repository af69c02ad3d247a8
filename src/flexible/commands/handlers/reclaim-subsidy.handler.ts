import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { SealedTexts, textSubjects } from '../../../privacy';
import { decideReclaimSubsidy } from '../../domain/subsidy.decisions';
import { flexibleBudgetDecider } from '../../domain/flexible-budget';
import { FLEXIBLE_HANDLE_OPTIONS, onBudgetYear } from '../budget-year';
import { ReclaimSubsidyCommand } from '../flexible.commands';

@CommandHandler(ReclaimSubsidyCommand)
export class ReclaimSubsidyHandler implements ICommandHandler<ReclaimSubsidyCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly texts: SealedTexts,
  ) {}

  async execute({ ctx: requestCtx, year, subsidyId, dto }: ReclaimSubsidyCommand) {
    const { ctx, streamId } = onBudgetYear(requestCtx, year, dto.businessDate);
    const { reason } = await this.texts.sealFields(ctx.tenantId, textSubjects.subsidy(year.sozialraumId, subsidyId), dto, ['reason']);
    const command = { ...year, subsidyId, reason };
    return this.aggregates.handle(streamId, flexibleBudgetDecider, ctx, { decide: (state) => decideReclaimSubsidy(command, state) }, FLEXIBLE_HANDLE_OPTIONS);
  }
}
