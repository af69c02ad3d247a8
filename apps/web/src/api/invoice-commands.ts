import { api, ok } from './client';

/** What one submission sends beside its body: its Idempotency-Key and the version it was decided on. */
export interface Submission {
  idempotencyKey: string;
  /** The case's version (ETag) the page showed; a newer one answers 412 and nothing is written. */
  caseVersion?: number;
}

const headers = (s: Submission) => ({ 'Idempotency-Key': s.idempotencyKey, ...(s.caseVersion !== undefined ? { 'If-Match': `"${s.caseVersion}"` } : {}) });
const invoicePath = (caseRef: string, invoiceId: string) => ({ caseRef, invoiceId });

/** POST …/verifications: sachlich or rechnerisch richtig (the second by another person). */
export function verifyInvoice(caseRef: string, invoiceId: string, step: 'sachlich-richtig' | 'rechnerisch-richtig', s: Submission) {
  return ok(
    api.POST('/cases/{caseRef}/invoices/{invoiceId}/verifications', {
      params: { path: invoicePath(caseRef, invoiceId), header: headers(s) },
      body: { step },
    }),
  );
}

/** POST …/rejection with its reason. */
export function rejectInvoice(caseRef: string, invoiceId: string, reason: string, s: Submission) {
  return ok(
    api.POST('/cases/{caseRef}/invoices/{invoiceId}/rejection', { params: { path: invoicePath(caseRef, invoiceId), header: headers(s) }, body: { reason } }),
  );
}

/** POST …/payment-order for a verified invoice. */
export function orderPayment(caseRef: string, invoiceId: string, s: Submission) {
  return ok(
    api.POST('/cases/{caseRef}/invoices/{invoiceId}/payment-order', { params: { path: invoicePath(caseRef, invoiceId), header: headers(s) }, body: {} }),
  );
}
