import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { BudgetQueries } from '../../../budgets';
import { MasterDataQueries } from '../../../master-data';
import { GrantApproval, decideGrantApproval } from '../../domain/approval.decisions';
import { CaseStore } from '../case-store';
import { SealedTexts, textSubjects } from '../../../privacy';
import { GrantApprovalCommand } from '../case.commands';
import { registeredProvider, agreementOn } from './approval-facts';

@CommandHandler(GrantApprovalCommand)
export class GrantApprovalHandler implements ICommandHandler<GrantApprovalCommand> {
  constructor(
    private readonly cases: CaseStore,
    private readonly masterData: MasterDataQueries,
    private readonly budgets: BudgetQueries,
    private readonly texts: SealedTexts,
  ) {}

  async execute({ ctx, caseRef, dto }: GrantApprovalCommand) {
    await registeredProvider(this.masterData, ctx.tenantId, dto.providerId);
    const dated = onBusinessDate(ctx, dto.bescheidDate);
    const sealed = await this.texts.sealFields(ctx.tenantId, textSubjects.case(caseRef), dto, ['rateReason']);
    const command: GrantApproval = { ...sealed, end: dto.end ?? null };
    return this.cases.handle(dated, caseRef, {
      facts: async (state) => {
        const agreement = await agreementOn(this.masterData, ctx.tenantId, dto.providerId, dto.legalBasis, dto.start);
        const contract = await this.budgets.contractOn(ctx.tenantId, state.sozialraumId!, dto.bescheidDate);
        const closedYears = await this.cases.closedYears(ctx.tenantId, state, [], [command.bescheidDate, command.start, command.end]);
        return { closedYears, agreement, terms: contract.terms, contractVersion: contract.versionNumber };
      },
      decide: (state, facts) => decideGrantApproval(command, state, facts),
    });
  }
}
