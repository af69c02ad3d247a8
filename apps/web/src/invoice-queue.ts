/**
 * The pieces of the work queue "Rechnungen zur Prüfung" computed from the API's invoices and cases:
 * which queue an invoice is in, what the signed-in person may do with it (four eyes), and the
 * German words for it. Pure, without React.
 */

export type QueueStatus = 'awaiting-first-verification' | 'awaiting-second-verification' | 'awaiting-payment-order';

export interface Queue {
  status: QueueStatus;
  title: string;
  /** What the queue's action does, as its button says it. */
  action: string;
  /** What is announced once it is done. */
  done: string;
}

/** The queues in the order the work flows: first verification, second verification, payment order. */
export const QUEUES: readonly Queue[] = [
  { status: 'awaiting-first-verification', title: 'Sachlich richtig zeichnen', action: 'Sachlich richtig', done: 'sachlich richtig gezeichnet' },
  { status: 'awaiting-second-verification', title: 'Rechnerisch richtig zeichnen', action: 'Rechnerisch richtig', done: 'rechnerisch richtig gezeichnet' },
  { status: 'awaiting-payment-order', title: 'Zahlung anordnen', action: 'Zahlung anordnen', done: 'zur Zahlung angeordnet' },
];

export interface QueuedInvoice {
  status: string;
  firstVerifier?: string | null;
}

/**
 * Whether the signed-in person may take the invoice's next step. The second verification is
 * never by the person who did the first (Vier-Augen-Prinzip); the API refuses it too.
 */
export function mayTakeNextStep(invoice: QueuedInvoice, userId: string): boolean {
  if (invoice.status === 'awaiting-second-verification') return !!userId && invoice.firstVerifier !== userId;
  return invoice.status === 'awaiting-first-verification' || invoice.status === 'awaiting-payment-order';
}

/** Whether the invoice may still be rejected (before payment is ordered). */
export function mayReject(invoice: QueuedInvoice): boolean {
  return invoice.status === 'awaiting-first-verification' || invoice.status === 'awaiting-second-verification';
}

/** The invoice as the case view shows it, to put the approved amount beside the invoiced one. */
export function findCaseInvoice<T extends { invoiceId: string }>(
  approvals: readonly { approvalId: string; invoices: readonly T[] }[] | undefined,
  approvalId: string,
  invoiceId: string,
): T | undefined {
  return approvals?.find((a) => a.approvalId === approvalId)?.invoices.find((i) => i.invoiceId === invoiceId);
}

/** "1 Rechnung", "3 Rechnungen". */
export function countInvoices(count: number): string {
  return count === 1 ? '1 Rechnung' : `${count} Rechnungen`;
}
