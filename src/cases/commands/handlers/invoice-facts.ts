import { CaseState } from '../../domain/case-state';
import { CaseStore } from '../case-store';

/** What a decision on an invoice needs from outside the case: the closed years its money may land in. */
export async function invoiceFacts(cases: CaseStore, tenantId: string, state: CaseState, invoiceId: string, businessDate: string) {
  const invoice = state.invoices[invoiceId];
  return { closedYears: await cases.closedYears(tenantId, state, [invoice?.approvalId], [businessDate, invoice?.serviceMonth]) };
}
