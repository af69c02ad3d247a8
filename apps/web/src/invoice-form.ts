import type { paths } from './api/api-schema';
import { normaliseDecimal } from './cases';
import { formatAmount, formatMonth } from './format';

/**
 * The Träger's monthly invoice on the case page: what the month allows (from the API, never
 * computed here), the request body, and the check that keeps an invoice above the approved hours
 * or days from being sent. Pure, without React.
 */

export type ApprovedMonth = paths['/cases/{caseRef}/approvals/{approvalId}/months/{serviceMonth}']['get']['responses'][200]['content']['application/json'];
export type InvoiceCeiling = ApprovedMonth['ceilings'][number];
export type InvoiceBody = paths['/cases/{caseRef}/approvals/{approvalId}/invoices']['post']['requestBody']['content']['application/json'];

export interface InvoiceForm {
  serviceMonth: string;
  quantity: string;
  invoiceNumber: string;
}

export const emptyInvoiceForm = (): InvoiceForm => ({ serviceMonth: '', quantity: '', invoiceNumber: '' });

export const SERVICE_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const INVOICE_STATUS_LABEL: Record<NonNullable<InvoiceCeiling['invoice']>['status'], string> = {
  'awaiting-first-verification': 'wartet auf die sachliche Prüfung',
  'awaiting-second-verification': 'wartet auf die rechnerische Prüfung',
  'awaiting-payment-order': 'wartet auf die Zahlungsanordnung',
  paid: 'bezahlt',
  rejected: 'zurückgewiesen',
  reversed: 'storniert',
};

/** "20 Stunden", "31 Tage", "1 Tag"; a flat month has no quantity. */
export function describeQuantity(ceiling: Pick<InvoiceCeiling, 'unit' | 'approvedQuantity'>): string | null {
  if (ceiling.unit === null || ceiling.approvedQuantity === null) return null;
  const quantity = ceiling.approvedQuantity.replace('.', ',');
  if (ceiling.unit === 'hours') return `${quantity} ${quantity === '1' ? 'Stunde' : 'Stunden'}`;
  return `${quantity} ${quantity === '1' ? 'Tag' : 'Tage'}`;
}

/** What the form says about the month chosen, before anything is sent. */
export function describeCeiling(month: ApprovedMonth): string {
  const [ceiling] = month.ceilings;
  const name = formatMonth(month.serviceMonth);
  if (!ceiling) return `Für ${name} ist nichts bewilligt: Der Monat liegt außerhalb des Bewilligungszeitraums.`;
  if (ceiling.invoice)
    return `${name} ist bereits abgerechnet mit ${ceiling.invoice.invoiceId} (${ceiling.invoice.invoiceNumber}, ${formatAmount(ceiling.invoice.amount)}, ${INVOICE_STATUS_LABEL[ceiling.invoice.status]}).`;
  const quantity = describeQuantity(ceiling);
  return `Bewilligt für ${name}: ${quantity ? `${quantity}, ` : ''}höchstens ${formatAmount(ceiling.approvedAmount)}.`;
}

/** Compares two non-negative decimal texts ("12.5", "20") without turning them into numbers. */
export function compareDecimal(a: string, b: string): number {
  const [ai = '0', af = ''] = a.split('.');
  const [bi = '0', bf = ''] = b.split('.');
  const width = Math.max(ai.length, bi.length);
  const places = Math.max(af.length, bf.length);
  const left = ai.replace(/^0+(?=\d)/, '').padStart(width, '0') + af.padEnd(places, '0');
  const right = bi.replace(/^0+(?=\d)/, '').padStart(width, '0') + bf.padEnd(places, '0');
  return left === right ? 0 : left < right ? -1 : 1;
}

/** Why the form does not send the invoice (field → German message), or nothing. */
export function invoiceFormProblems(form: InvoiceForm, month: ApprovedMonth | undefined): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!SERVICE_MONTH.test(form.serviceMonth)) problems.push({ field: 'serviceMonth', message: 'Bitte den Leistungsmonat wählen.' });
  if (!form.invoiceNumber.trim()) problems.push({ field: 'invoiceNumber', message: 'Bitte die Rechnungsnummer angeben.' });
  const ceiling = month?.ceilings[0];
  if (!month || !ceiling) return problems;
  if (ceiling.unit === null) return problems;
  const quantity = normaliseDecimal(form.quantity);
  const unit = ceiling.unit === 'hours' ? 'Stunden' : 'Tage';
  if (!/^\d+(\.\d+)?$/.test(quantity) || compareDecimal(quantity, '0') <= 0) {
    problems.push({ field: 'quantity', message: `Bitte die geleisteten ${unit} angeben.` });
  } else if (ceiling.approvedQuantity !== null && compareDecimal(quantity, ceiling.approvedQuantity) > 0) {
    problems.push({ field: 'quantity', message: `Mehr als bewilligt: höchstens ${describeQuantity(ceiling)} für ${formatMonth(month.serviceMonth)}.` });
  }
  return problems;
}

export function invoiceBody(form: InvoiceForm, month: ApprovedMonth | undefined): InvoiceBody {
  const body: InvoiceBody = { serviceMonth: form.serviceMonth, invoiceNumber: form.invoiceNumber.trim() };
  if (month?.ceilings[0]?.unit) body.quantity = normaliseDecimal(form.quantity);
  return body;
}
