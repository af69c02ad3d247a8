import { refuse } from '../../../../libs/ddd/domain-error';
import { text } from '../../../../libs/text/text';
import { SHARED_PROBLEMS } from '../../../shared/shared-problems';
import { BudgetQueries } from '../../../budgets';
import { MasterDataQueries } from '../../../master-data';
import { LegalBasis } from '../../../shared/legal-basis';
import { RateAgreementRef, ScopeFacts } from '../../domain/approval.decisions';
import { Approval, CaseState } from '../../domain/case-state';

export async function registeredProvider(masterData: MasterDataQueries, tenantId: string, providerId: string): Promise<void> {
  if (!(await masterData.getProvider(tenantId, providerId))) {
    refuse(SHARED_PROBLEMS['provider-not-registered'], text(`Der Träger ${providerId} ist nicht registriert.`, `Provider ${providerId} is not registered.`), {
      providerId,
    });
  }
}

export async function agreementOn(
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
export async function scopeFacts(
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
