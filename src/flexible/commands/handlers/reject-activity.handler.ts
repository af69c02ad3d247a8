import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { SealedTexts, textSubjects } from '../../../privacy';
import { decideRejectActivity } from '../../domain/activity.decisions';
import { flexibleBudgetDecider } from '../../domain/flexible-budget';
import { FLEXIBLE_HANDLE_OPTIONS, onBudgetYear } from '../budget-year';
import { RejectActivityCommand } from '../flexible.commands';

@CommandHandler(RejectActivityCommand)
export class RejectActivityHandler implements ICommandHandler<RejectActivityCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly texts: SealedTexts,
  ) {}

  async execute({ ctx: requestCtx, year, activityId, dto }: RejectActivityCommand) {
    const { ctx, streamId } = onBudgetYear(requestCtx, year, dto.businessDate);
    const { reason } = await this.texts.sealFields(ctx.tenantId, textSubjects.activity(year.sozialraumId, activityId), dto, ['reason']);
    const command = { ...year, activityId, reason };
    return this.aggregates.handle(streamId, flexibleBudgetDecider, ctx, { decide: (state) => decideRejectActivity(command, state) }, FLEXIBLE_HANDLE_OPTIONS);
  }
}
