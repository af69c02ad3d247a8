import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { DomainError } from '../../../../libs/ddd/domain-error';
import { BudgetQueries } from '../../../budgets';
import { MasterDataQueries } from '../../../master-data';
import { LegalBasis } from '../../../shared/legal-basis';
import {
  ChangeScope,
  ExtendApproval,
  GrantApproval,
  RateAgreementRef,
  ScopeFacts,
  TerminateApproval,
  decideChangeScope,
  decideExtendApproval,
  decideGrantApproval,
  decideOpenCase,
  decideTerminateApproval,
  extensionScopeFrom,
  hasScope,
} from '../../domain/approval.decisions';
import { segmentOn } from '../../domain/approved-amounts';
import { Approval, CaseState } from '../../domain/case-state';
import { CaseStore } from '../case-store';
import { ChangeScopeCommand, ExtendApprovalCommand, GrantApprovalCommand, OpenCaseCommand, TerminateApprovalCommand } from '../case.commands';

async function registeredProvider(masterData: MasterDataQueries, tenantId: string, providerId: string): Promise<void> {
  if (!(await masterData.getProvider(tenantId, providerId))) {
    throw new DomainError('provider-not-registered', 'Provider not registered', `provider ${providerId} is not registered`, 422, { providerId });
  }
}

async function agreementOn(
  masterData: MasterDataQueries,
  tenantId: string,
  providerId: string,
  legalBasis: LegalBasis,
  date: string,
): Promise<RateAgreementRef | null> {
  const agreement = await masterData.rateAgreementOn(tenantId, providerId, legalBasis, date);
  return agreement ? { agreementId: agreement.agreementId, rateType: agreement.rateType, amount: agreement.amount } : null;
}

/**
 * The rate agreement in force for the provider of a new scope on its first day, and the contract
 * that classified the approval (in force at its Bescheid date, R1).
 */
async function scopeFacts(
  masterData: MasterDataQueries,
  budgets: BudgetQueries,
  tenantId: string,
  state: CaseState,
  approval: Approval,
  providerId: string,
  from: string,
): Promise<ScopeFacts> {
  const agreement = await agreementOn(masterData, tenantId, providerId, approval.legalBasis, from);
  const contract = await budgets.contractOn(tenantId, state.sozialraumId!, approval.bescheidDate);
  return { agreement, terms: contract.terms, contractVersion: contract.versionNumber };
}

@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand> {
  constructor(
    private readonly cases: CaseStore,
    private readonly masterData: MasterDataQueries,
  ) {}

  async execute({ ctx, dto }: OpenCaseCommand) {
    if (!(await this.masterData.getSozialraum(ctx.tenantId, dto.sozialraumId))) {
      throw new DomainError('sozialraum-not-registered', 'Sozialraum not registered', `Sozialraum ${dto.sozialraumId} is not registered`, 422);
    }
    const command = { caseRef: dto.caseRef, sozialraumId: dto.sozialraumId };
    return this.cases.handle(ctx, dto.caseRef, { facts: async () => undefined, decide: (state) => decideOpenCase(command, state) }, { mustExist: false });
  }
}

@CommandHandler(GrantApprovalCommand)
export class GrantApprovalHandler implements ICommandHandler<GrantApprovalCommand> {
  constructor(
    private readonly cases: CaseStore,
    private readonly masterData: MasterDataQueries,
    private readonly budgets: BudgetQueries,
  ) {}

  async execute({ ctx, caseRef, dto }: GrantApprovalCommand) {
    await registeredProvider(this.masterData, ctx.tenantId, dto.providerId);
    const dated = onBusinessDate(ctx, dto.bescheidDate);
    const command: GrantApproval = { ...dto, end: dto.end ?? null };
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

@CommandHandler(ExtendApprovalCommand)
export class ExtendApprovalHandler implements ICommandHandler<ExtendApprovalCommand> {
  constructor(
    private readonly cases: CaseStore,
    private readonly masterData: MasterDataQueries,
    private readonly budgets: BudgetQueries,
  ) {}

  async execute({ ctx, caseRef, approvalId, dto }: ExtendApprovalCommand) {
    if (dto.providerId) await registeredProvider(this.masterData, ctx.tenantId, dto.providerId);
    const dated = onBusinessDate(ctx, dto.businessDate);
    const { businessDate: _, ...extension } = dto;
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

@CommandHandler(ChangeScopeCommand)
export class ChangeScopeHandler implements ICommandHandler<ChangeScopeCommand> {
  constructor(
    private readonly cases: CaseStore,
    private readonly masterData: MasterDataQueries,
    private readonly budgets: BudgetQueries,
  ) {}

  async execute({ ctx, caseRef, approvalId, dto }: ChangeScopeCommand) {
    if (dto.providerId) await registeredProvider(this.masterData, ctx.tenantId, dto.providerId);
    const dated = onBusinessDate(ctx, dto.businessDate);
    const command: ChangeScope = { approvalId, ...dto, businessDate: dated.businessDate };
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

@CommandHandler(TerminateApprovalCommand)
export class TerminateApprovalHandler implements ICommandHandler<TerminateApprovalCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, approvalId, dto }: TerminateApprovalCommand) {
    const dated = onBusinessDate(ctx, dto.businessDate);
    const command: TerminateApproval = {
      approvalId,
      reason: dto.reason,
      effectiveEnd: dto.effectiveEnd,
      note: dto.note ?? null,
      businessDate: dated.businessDate,
    };
    return this.cases.handle(dated, caseRef, {
      facts: async (state) => ({ closedYears: await this.cases.closedYears(ctx.tenantId, state, [approvalId], [command.businessDate, command.effectiveEnd]) }),
      decide: (state, facts) => decideTerminateApproval(command, state, facts),
    });
  }
}
