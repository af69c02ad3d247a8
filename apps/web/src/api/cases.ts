import { queryOptions } from '@tanstack/react-query';
import type { ExtensionBody, GrantBody, KostenbeitragBody, KostenerstattungBody, OpenCaseBody, ScopeChangeBody, TerminationBody } from '../cases';
import type { InvoiceBody } from '../invoice-form';
import { api, ok } from './client';

/** The reads and commands of the caseworker (ASD): the approvals, a new case, a grant and a termination. */

const PAGE_SIZE = 100;
const MAX_PAGES = 200;

type ApprovalFilter = { caseRef?: string; sozialraumId?: string; status?: 'running' | 'terminated' };

/** GET /approvals, every page, in the API's order (approvalId). */
export function approvalsQuery(filter: ApprovalFilter = {}) {
  return queryOptions({
    queryKey: ['approvals', filter],
    queryFn: async ({ signal }) => {
      const items = [];
      let cursor: string | undefined;
      for (let count = 0; count < MAX_PAGES; count++) {
        const page = await ok(api.GET('/approvals', { params: { query: { ...filter, limit: PAGE_SIZE, cursor } }, signal }));
        items.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return items;
    },
  });
}

/** What one command sends beside its body: its Idempotency-Key and, where decided on a shown case, its version. */
export interface CaseSubmission {
  idempotencyKey: string;
  caseVersion?: number;
}

const headers = (s: CaseSubmission) => ({ 'Idempotency-Key': s.idempotencyKey, ...(s.caseVersion !== undefined ? { 'If-Match': `"${s.caseVersion}"` } : {}) });

/** POST /cases: a new case under its pseudonymous reference. */
export function openCase(body: OpenCaseBody, s: CaseSubmission) {
  return ok(api.POST('/cases', { params: { header: headers(s) }, body }));
}

/** POST /cases/{caseRef}/approvals: a Bewilligung; answers the case with the new approvalId. */
export function grantApproval(caseRef: string, body: GrantBody, s: CaseSubmission) {
  return ok(api.POST('/cases/{caseRef}/approvals', { params: { path: { caseRef }, header: headers(s) }, body }));
}

/** POST …/termination on the case as the page showed it (If-Match). */
export function terminateApproval(caseRef: string, approvalId: string, body: TerminationBody, s: CaseSubmission) {
  return ok(api.POST('/cases/{caseRef}/approvals/{approvalId}/termination', { params: { path: { caseRef, approvalId }, header: headers(s) }, body }));
}

/** POST …/extension on the case as the page showed it (If-Match): a later end, with a changed scope where given. */
export function extendApproval(caseRef: string, approvalId: string, body: ExtensionBody, s: CaseSubmission) {
  return ok(api.POST('/cases/{caseRef}/approvals/{approvalId}/extension', { params: { path: { caseRef, approvalId }, header: headers(s) }, body }));
}

/** POST …/scope-changes on the case as the page showed it (If-Match). */
export function changeScope(caseRef: string, approvalId: string, body: ScopeChangeBody, s: CaseSubmission) {
  return ok(api.POST('/cases/{caseRef}/approvals/{approvalId}/scope-changes', { params: { path: { caseRef, approvalId }, header: headers(s) }, body }));
}

/** GET …/months/{serviceMonth}: what the month allows the caller (a Träger: itself) to invoice, and the invoice claiming it. */
export function approvedMonthQuery(caseRef: string, approvalId: string, serviceMonth: string) {
  return queryOptions({
    queryKey: ['approved-month', caseRef, approvalId, serviceMonth],
    queryFn: ({ signal }) =>
      ok(api.GET('/cases/{caseRef}/approvals/{approvalId}/months/{serviceMonth}', { params: { path: { caseRef, approvalId, serviceMonth } }, signal })),
  });
}

/** POST …/invoices on the case as the page showed it (If-Match): the Träger's invoice for a Leistungsmonat. */
export function submitInvoice(caseRef: string, approvalId: string, body: InvoiceBody, s: CaseSubmission) {
  return ok(api.POST('/cases/{caseRef}/approvals/{approvalId}/invoices', { params: { path: { caseRef, approvalId }, header: headers(s) }, body }));
}

/** POST /cases/{caseRef}/kostenbeitraege (Wirtschaftliche Jugendhilfe): revenue of the case from a day on (R2). */
export function fixKostenbeitrag(caseRef: string, body: KostenbeitragBody, s: CaseSubmission) {
  return ok(api.POST('/cases/{caseRef}/kostenbeitraege', { params: { path: { caseRef }, header: headers(s) }, body }));
}

/** POST /cases/{caseRef}/kostenerstattungen (Wirtschaftliche Jugendhilfe): a claim against another Jugendamt (R2). */
export function claimKostenerstattung(caseRef: string, body: KostenerstattungBody, s: CaseSubmission) {
  return ok(api.POST('/cases/{caseRef}/kostenerstattungen', { params: { path: { caseRef }, header: headers(s) }, body }));
}
