import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '../../../../libs/ddd/domain-error';
import { BudgetQueries } from '../../../budgets';
import { MasterDataQueries } from '../../../master-data';
import { LegalBasis } from '../../../shared/legal-basis';
import {
  RateAgreementRef,
  ScopeLookups,
  approvalOf,
  decideChangeScope,
  decideExtendApproval,
  decideGrantApproval,
  decideOpenCase,
  decideTerminateApproval,
  extensionScopeFrom,
  hasScope,
} from '../../domain/approval.decisions';
import { segmentOn } from '../../domain/approved-amounts';
import { CaseStore } from '../case-store';
import { ChangeScopeCommand, ExtendApprovalCommand, GrantApprovalCommand, OpenCaseCommand, TerminateApprovalCommand } from '../case.commands';

async function registeredProvider(masterData: MasterDataQueries, tenantId: string, providerId: string): Promise<void> {
  if (!(await masterData.getProvider(tenantId, providerId))) {
    throw new DomainError('provider-not-registered', 'Provider not registered', `provider ${providerId} is not registered`, 422, { providerId });
  }
}

async function agreementOn(masterData: MasterDataQueries, tenantId: string, providerId: string, legalBasis: LegalBasis, date: string): Promise<RateAgreementRef | null> {
  const agreement = await masterData.rateAgreementOn(tenantId, providerId, legalBasis, date);
  return agreement ? { agreementId: agreement.agreementId, rateType: agreement.rateType, amount: agreement.amount } : null;
}

@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand> {
  constructor(private readonly cases: CaseStore, private readonly masterData: MasterDataQueries) {}

  async execute({ ctx, dto }: OpenCaseCommand) {
    if (!(await this.masterData.getSozialraum(ctx.tenantId, dto.sozialraumId))) {
      throw new DomainError('sozialraum-not-registered', 'Sozialraum not registered', `Sozialraum ${dto.sozialraumId} is not registered`, 422);
    }
    return this.cases.handle(ctx, dto.caseRef, undefined, (state) => decideOpenCase(dto, state), { mustExist: false });
  }
}

@CommandHandler(GrantApprovalCommand)
export class GrantApprovalHandler implements ICommandHandler<GrantApprovalCommand> {
  constructor(private readonly cases: CaseStore, private readonly masterData: MasterDataQueries, private readonly budgets: BudgetQueries) {}

  async execute({ ctx, caseRef, dto }: GrantApprovalCommand) {
    await registeredProvider(this.masterData, ctx.tenantId, dto.providerId);
    const agreement = await agreementOn(this.masterData, ctx.tenantId, dto.providerId, dto.legalBasis, dto.start);
    return this.cases.handle(ctx, caseRef, dto.bescheidDate, async (state, decision) => {
      const contract = await this.budgets.contractOn(ctx.tenantId, state.sozialraumId!, dto.bescheidDate);
      return decideGrantApproval({ ...dto, end: dto.end ?? null }, state, { agreement, terms: contract.terms, contractVersion: contract.versionNumber }, decision);
    });
  }
}

@CommandHandler(ExtendApprovalCommand)
export class ExtendApprovalHandler implements ICommandHandler<ExtendApprovalCommand> {
  constructor(private readonly cases: CaseStore, private readonly masterData: MasterDataQueries, private readonly budgets: BudgetQueries) {}

  async execute({ ctx, caseRef, approvalId, dto }: ExtendApprovalCommand) {
    if (dto.providerId) await registeredProvider(this.masterData, ctx.tenantId, dto.providerId);
    const { businessDate, ...extension } = dto;
    return this.cases.handle(ctx, caseRef, businessDate, async (state, decision, c) => {
      let lookups: ScopeLookups | null = null;
      const approval = approvalOf(state, approvalId);
      // Without an end there is no extended period to look an agreement up for: the domain refuses it (already-open-ended).
      if (hasScope(dto) && approval.end !== null) {
        // The rate agreement in force when the extended period begins, not the one at the approval's start.
        const from = extensionScopeFrom(approval);
        const agreement = await agreementOn(this.masterData, ctx.tenantId, dto.providerId ?? segmentOn(approval, from).providerId, approval.legalBasis, from);
        const contract = await this.budgets.contractOn(ctx.tenantId, state.sozialraumId!, approval.bescheidDate);
        lookups = { agreement, terms: contract.terms, contractVersion: contract.versionNumber };
      }
      return decideExtendApproval({ ...extension, approvalId, businessDate: c.businessDate }, state, lookups, decision);
    });
  }
}

@CommandHandler(ChangeScopeCommand)
export class ChangeScopeHandler implements ICommandHandler<ChangeScopeCommand> {
  constructor(private readonly cases: CaseStore, private readonly masterData: MasterDataQueries, private readonly budgets: BudgetQueries) {}

  async execute({ ctx, caseRef, approvalId, dto }: ChangeScopeCommand) {
    if (dto.providerId) await registeredProvider(this.masterData, ctx.tenantId, dto.providerId);
    return this.cases.handle(ctx, caseRef, dto.businessDate, async (state, decision, c) => {
      const approval = approvalOf(state, approvalId);
      // A date before the start has no segment of its own: the domain refuses it (outside-approved-period).
      const providerId = dto.providerId ?? segmentOn(approval, dto.from).providerId;
      const agreement = await agreementOn(this.masterData, ctx.tenantId, providerId, approval.legalBasis, dto.from);
      const contract = await this.budgets.contractOn(ctx.tenantId, state.sozialraumId!, approval.bescheidDate);
      return decideChangeScope({ approvalId, ...dto, businessDate: c.businessDate }, state, { agreement, terms: contract.terms, contractVersion: contract.versionNumber }, decision);
    });
  }
}

@CommandHandler(TerminateApprovalCommand)
export class TerminateApprovalHandler implements ICommandHandler<TerminateApprovalCommand> {
  constructor(private readonly cases: CaseStore) {}

  async execute({ ctx, caseRef, approvalId, dto }: TerminateApprovalCommand) {
    return this.cases.handle(ctx, caseRef, dto.businessDate, (state, decision, c) =>
      decideTerminateApproval({ approvalId, reason: dto.reason, effectiveEnd: dto.effectiveEnd, note: dto.note ?? null, businessDate: c.businessDate }, state, decision),
    );
  }
}
