import type { paths } from './api/api-schema';
import { formatAmount, formatDate, formatDateTime, formatMonth } from './format';
import type { Route } from './router';

/**
 * Month and year close on the Sozialraum-year page: the closed months with the figures frozen at
 * the close, the work that blocks the year close with where each item is resolved. Pure.
 */

type Ok<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer B } } } } } ? B : never;
export type MonthCloseList = Ok<'/steering/{sozialraumId}/{fiscalYear}/month-closes'>;
export type PendingWork = Ok<'/steering/{sozialraumId}/{fiscalYear}/pending-work'>;

export interface ClosedMonthRow {
  month: string;
  forecast: string;
  budget: string;
  pctOfBudget: string;
  closed: string;
}

export function closedMonthRows(list: MonthCloseList): ClosedMonthRow[] {
  return list.items.map((m) => ({
    month: formatMonth(m.month),
    forecast: formatAmount(m.forecast),
    budget: formatAmount(m.budget),
    pctOfBudget: `${m.pctOfBudget.replace('.', ',')} %`,
    closed: `${formatDateTime(m.closedAt)}${m.closedBy ? ` von ${m.closedBy}` : ''}`,
  }));
}

export interface PendingRow {
  id: string;
  kind: string;
  description: string;
  since: string;
  /** Where the item is resolved, or how. */
  where: { route: Route; label: string } | { text: string };
}

const KIND: Record<string, string> = { invoice: 'Rechnung', activity: 'Aktivität', instalment: 'Rate einer Zuwendung' };

/** The case of an invoice id: "TW-25-001-B1-R2" belongs to TW-25-001. */
export function caseOfInvoice(invoiceId: string): string {
  return invoiceId.replace(/-B\d+-R\d+$/, '');
}

export function pendingRows(pending: PendingWork): PendingRow[] {
  return pending.items.map((item) => ({
    id: item.id,
    kind: KIND[item.kind] ?? item.kind,
    description: item.description,
    since: item.since ? formatDate(item.since) : '',
    where:
      item.kind === 'invoice'
        ? { route: { name: 'case', caseRef: caseOfInvoice(item.id) }, label: `Fall ${caseOfInvoice(item.id)} (Wirtschaftliche Jugendhilfe)` }
        : item.kind === 'activity'
          ? { route: { name: 'flexible', fiscalYear: pending.fiscalYear }, label: `Flexible Mittel ${pending.fiscalYear}` }
          : { text: 'Zahlungsanordnung der Rate über die API (Zuwendungen)' },
  }));
}

/** The month the page offers to close next: the first not closed yet that has ended, in the year. */
export function nextMonthToClose(list: MonthCloseList, fiscalYear: number, today: string): string | null {
  const closed = new Set(list.items.map((m) => m.month));
  for (let m = 1; m <= 12; m++) {
    const month = `${fiscalYear}-${String(m).padStart(2, '0')}`;
    if (closed.has(month)) continue;
    const lastDay = new Date(Date.UTC(fiscalYear, m, 0)).toISOString().slice(0, 10);
    return lastDay < today ? month : null;
  }
  return null;
}
