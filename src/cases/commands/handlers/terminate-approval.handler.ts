import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { TerminateApproval, decideTerminateApproval } from '../../domain/approval.decisions';
import { CaseStore } from '../case-store';
import { SealedTexts, textSubjects } from '../../../privacy';
import { TerminateApprovalCommand } from '../case.commands';

@CommandHandler(TerminateApprovalCommand)
export class TerminateApprovalHandler implements ICommandHandler<TerminateApprovalCommand> {
  constructor(
    private readonly cases: CaseStore,
    private readonly texts: SealedTexts,
  ) {}

  async execute({ ctx, caseRef, approvalId, dto }: TerminateApprovalCommand) {
    const dated = onBusinessDate(ctx, dto.businessDate);
    const command: TerminateApproval = {
      approvalId,
      reason: dto.reason,
      effectiveEnd: dto.effectiveEnd,
      note: (await this.texts.sealFields(ctx.tenantId, textSubjects.case(caseRef), dto, ['note'])).note ?? null,
      businessDate: dated.businessDate,
    };
    return this.cases.handle(dated, caseRef, {
      facts: async (state) => ({ closedYears: await this.cases.closedYears(ctx.tenantId, state, [approvalId], [command.businessDate, command.effectiveEnd]) }),
      decide: (state, facts) => decideTerminateApproval(command, state, facts),
    });
  }
}
