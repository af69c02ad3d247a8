/**
 * A payment order (Anordnung) as the Finanzverfahren receives it: an invoice's payment order, its
 * Storno as a negative order (Absetzung), or a subsidy instalment's payment order. One payment
 * advice per case or subsidy: an order is never summed with another into an amount the Träger
 * could not match.
 */
export type OrderKind = 'invoice' | 'reversal' | 'instalment';

export interface PaymentOrder {
  /** Stable id from the source: the invoice id, `<invoice>-S<n>` for a Storno, `<Sozialraum>/<year>/<subsidy>/<instalment>`. */
  orderId: string;
  kind: OrderKind;
  providerId: string;
  /** Negative for a Storno. */
  amount: string;
  dueDate: string;
  orderedOn: string;
  sozialraumId: string;
  fiscalYear: number;
  category: 'FS' | 'FUE' | 'FU';
  /** The legal basis of an invoice's approval (null for subsidies). */
  legalBasis: string | null;
  /** What the payee matches the payment with: case and invoice, or subsidy and instalment. */
  reference: { caseRef: string; invoiceId: string } | { subsidyId: string; instalmentId: string; purpose: string };
  /** Log position of the ordering event: batches list orders in the order they were given. */
  position: string;
}
