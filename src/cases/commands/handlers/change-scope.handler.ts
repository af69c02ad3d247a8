import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { BudgetQueries } from '../../../budgets';
import { MasterDataQueries } from '../../../master-data';
import { ChangeScope, decideChangeScope } from '../../domain/approval.decisions';
import { segmentOn } from '../../domain/approved-amounts';
import { CaseStore } from '../case-store';
import { SealedTexts, textSubjects } from '../../../privacy';
import { ChangeScopeCommand } from '../case.commands';
import { registeredProvider, scopeFacts } from './approval-facts';

@CommandHandler(ChangeScopeCommand)
export class ChangeScopeHandler implements ICommandHandler<ChangeScopeCommand> {
  constructor(
    private readonly cases: CaseStore,
    private readonly masterData: MasterDataQueries,
    private readonly budgets: BudgetQueries,
    private readonly texts: SealedTexts,
  ) {}

  async execute({ ctx, caseRef, approvalId, dto }: ChangeScopeCommand) {
    if (dto.providerId) await registeredProvider(this.masterData, ctx.tenantId, dto.providerId);
    const dated = onBusinessDate(ctx, dto.businessDate);
    const sealed = await this.texts.sealFields(ctx.tenantId, textSubjects.case(caseRef), dto, ['reason', 'rateReason']);
    const command: ChangeScope = { approvalId, ...sealed, businessDate: dated.businessDate };
    return this.cases.handle(dated, caseRef, {
      facts: async (state) => {
        const approval = state.approvals[approvalId];
        // A date before the start has no segment of its own: the domain refuses it (outside-approved-period).
        const scope = approval
          ? await scopeFacts(this.masterData, this.budgets, ctx.tenantId, state, approval, dto.providerId ?? segmentOn(approval, dto.from).providerId, dto.from)
          : null;
        return { closedYears: await this.cases.closedYears(ctx.tenantId, state, [approvalId], [command.businessDate, command.from]), scope };
      },
      decide: (state, facts) => decideChangeScope(command, state, facts),
    });
  }
}
