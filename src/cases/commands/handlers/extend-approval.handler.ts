import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { BudgetQueries } from '../../../budgets';
import { MasterDataQueries } from '../../../master-data';
import { ExtendApproval, decideExtendApproval, extensionScopeFrom, hasScope } from '../../domain/approval.decisions';
import { segmentOn } from '../../domain/approved-amounts';
import { CaseStore } from '../case-store';
import { SealedTexts, textSubjects } from '../../../privacy';
import { ExtendApprovalCommand } from '../case.commands';
import { registeredProvider, scopeFacts } from './approval-facts';

@CommandHandler(ExtendApprovalCommand)
export class ExtendApprovalHandler implements ICommandHandler<ExtendApprovalCommand> {
  constructor(
    private readonly cases: CaseStore,
    private readonly masterData: MasterDataQueries,
    private readonly budgets: BudgetQueries,
    private readonly texts: SealedTexts,
  ) {}

  async execute({ ctx, caseRef, approvalId, dto }: ExtendApprovalCommand) {
    if (dto.providerId) await registeredProvider(this.masterData, ctx.tenantId, dto.providerId);
    const dated = onBusinessDate(ctx, dto.businessDate);
    const { businessDate: _, ...extension } = await this.texts.sealFields(ctx.tenantId, textSubjects.case(caseRef), dto, ['reason', 'rateReason']);
    const command: ExtendApproval = { ...extension, approvalId, businessDate: dated.businessDate };
    return this.cases.handle(dated, caseRef, {
      facts: async (state) => {
        const approval = state.approvals[approvalId];
        // Without an end there is no extended period to look an agreement up for: the domain refuses it (already-open-ended).
        // The rate agreement in force when the extended period begins, not the one at the approval's start.
        const scope =
          approval && hasScope(dto) && approval.end !== null
            ? await scopeFacts(
                this.masterData,
                this.budgets,
                ctx.tenantId,
                state,
                approval,
                dto.providerId ?? segmentOn(approval, extensionScopeFrom(approval)).providerId,
                extensionScopeFrom(approval),
              )
            : null;
        return { closedYears: await this.cases.closedYears(ctx.tenantId, state, [approvalId], [command.businessDate, command.newEnd]), scope };
      },
      decide: (state, facts) => decideExtendApproval(command, state, facts),
    });
  }
}
