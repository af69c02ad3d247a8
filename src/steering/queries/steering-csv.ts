import { CATEGORY_NAMES, BudgetCategory } from '../../shared/budget-category';
import { LedgerBook } from '../domain/ledger-book';
import { toCsv } from './csv';

export function utilisationCsv(u: ReturnType<LedgerBook['utilisation']>, decimalComma: boolean): string {
  const headers = ['Sozialraum', 'Haushaltsjahr', 'Kategorie', 'Monat', 'Ansatz', 'Offene Bindungen', 'Ist', 'Hochrechnung', 'Verfügbar'];
  const rows: Array<Array<string | number>> = [];
  for (const c of u.categories) {
    const name = CATEGORY_NAMES[c.category as BudgetCategory];
    for (const m of c.months) rows.push([u.sozialraumId, u.fiscalYear, name, m.month, '', m.committed, m.actual, m.forecast, '']);
    rows.push([u.sozialraumId, u.fiscalYear, name, 'Gesamt', c.planned, c.committed, c.actual, c.forecast, c.available]);
  }
  rows.push([u.sozialraumId, u.fiscalYear, 'Sozialraumbudget', 'Gesamt', u.planned, u.committed, u.actual, u.forecast, u.available]);
  return toCsv(headers, rows, decimalComma);
}

export function monitoringListCsv(h: ReturnType<LedgerBook['monitoringList']>, decimalComma: boolean): string {
  const headers = ['Sozialraum', 'Haushaltsjahr', 'Kategorie', 'Ansatz', 'Bindungen', 'Anordnungen', 'Ist', 'Rest'];
  const rows: Array<Array<string | number>> = h.rows.map((r) => [
    h.sozialraumId,
    h.fiscalYear,
    CATEGORY_NAMES[r.category as BudgetCategory],
    r.ansatz,
    r.bindungen,
    r.anordnungen,
    r.ist,
    r.rest,
  ]);
  rows.push([h.sozialraumId, h.fiscalYear, 'Gesamt', h.total.ansatz, h.total.bindungen, h.total.anordnungen, h.total.ist, h.total.rest]);
  return toCsv(headers, rows, decimalComma);
}
