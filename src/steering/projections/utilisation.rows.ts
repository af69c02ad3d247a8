import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { RowChange } from '../../../libs/event-store/row-changes';
import { Decimal, ZERO, formatAmount } from '../../../libs/money';
import { BUDGET_CATEGORIES, BudgetCategory } from '../../shared/budget-category';
import { isLedgerEvent, ledgerLines } from '../../ledger';
import { PerCategory, applyPlanning, isPlanningEvent, zeroPerCategory } from '../domain/planned-budget';
import { SozialraumYearKey } from './sozialraum-year-key';

type YearKey = { tenant_id: string; sozialraum_id: string; fiscal_year: number };

export type UtilisationTables = {
  utilisation_cells: YearKey & { scope: string; category: string; provider_id: string; month: string; forecast?: string; actual?: string };
  utilisation_planned: YearKey & { category: BudgetCategory; planned: string };
  utilisation_revenue: YearKey & { kind: string; month: string; amount: string };
  utilisation_orders: YearKey & { category: string; month: string; amount: string };
};
export type UtilisationChange = RowChange<UtilisationTables>;

/** A row of utilisation_planned as stored before the batch. */
export type PlannedRow = UtilisationTables['utilisation_planned'];

const BUDGET_STREAM = /^([^/]+)\/budget\/([^/]+)\/(\d{4})$/;

function planningYearOf(event: StoredEvent): SozialraumYearKey | null {
  if (!isPlanningEvent(event)) return null;
  const match = BUDGET_STREAM.exec(event.streamId);
  // The tenant of the event's metadata, as the rows of its ledger events.
  return match ? { tenantId: event.metadata.tenantId, sozialraumId: match[2], fiscalYear: Number(match[3]) } : null;
}

const yearId = (key: SozialraumYearKey) => JSON.stringify([key.tenantId, key.sozialraumId, key.fiscalYear]);

/** The Sozialraum-years whose planned amounts the batch changes: the writer reads their rows first. */
export function plannedYearsOf(events: readonly StoredEvent[]): SozialraumYearKey[] {
  const years = new Map<string, SozialraumYearKey>();
  for (const event of events) {
    const key = planningYearOf(event);
    if (key) years.set(yearId(key), key);
  }
  return [...years.values()];
}

type Summed<R, C extends keyof R> = { key: Omit<R, C>; sums: Partial<Record<C, Decimal>> };

/** Sums of one batch per row key: additions to a row commute, so each row gets one upsert per batch. */
class Sums<R extends object, C extends keyof R & string> {
  private readonly rows = new Map<string, Summed<R, C>>();

  add(key: Omit<R, C>, column: C, amount: Decimal): void {
    const id = JSON.stringify(Object.values(key));
    const entry: Summed<R, C> = this.rows.get(id) ?? { key, sums: {} };
    entry.sums[column] = (entry.sums[column] ?? ZERO).plus(amount);
    this.rows.set(id, entry);
  }

  /** Each key with the sums of the columns added to it (a row never added to a column leaves it out). */
  summed(): R[] {
    return [...this.rows.values()].map(({ key, sums }) => {
      const amounts = Object.fromEntries(Object.entries<Decimal | undefined>(sums).map(([column, sum]) => [column, formatAmount(sum ?? ZERO)]));
      return { ...key, ...amounts } as R;
    });
  }
}

/**
 * The changes of the utilisation read model: per Sozialraum × year × scope × category × provider
 * × month the forecast and actual, payment orders per category and month of the order, revenue
 * per kind and month, and the planned amounts. `planned` holds the stored rows of utilisation_planned
 * of the years plannedYearsOf names; a planning event sets all three categories of its year.
 */
export function utilisationChanges(events: readonly StoredEvent[], planned: readonly PlannedRow[]): UtilisationChange[] {
  const cells = new Sums<UtilisationTables['utilisation_cells'], 'forecast' | 'actual'>();
  const orders = new Sums<UtilisationTables['utilisation_orders'], 'amount'>();
  const revenue = new Sums<UtilisationTables['utilisation_revenue'], 'amount'>();
  const plannedByYear = new Map<string, { key: SozialraumYearKey; planned: PerCategory }>();
  const storedPlanned = new Map<string, PerCategory>();
  for (const row of planned) {
    const id = yearId({ tenantId: row.tenant_id, sozialraumId: row.sozialraum_id, fiscalYear: row.fiscal_year });
    storedPlanned.set(id, { ...(storedPlanned.get(id) ?? zeroPerCategory()), [row.category]: new Decimal(row.planned) });
  }

  for (const event of events) {
    const tenantId = event.metadata.tenantId;
    if (isPlanningEvent(event)) {
      const key = planningYearOf(event);
      if (!key) continue;
      const id = yearId(key);
      const before = plannedByYear.get(id)?.planned ?? storedPlanned.get(id) ?? zeroPerCategory();
      plannedByYear.set(id, { key, planned: applyPlanning(before, event) });
      continue;
    }
    if (!isLedgerEvent(event)) continue;
    for (const line of ledgerLines(event)) {
      const year = { tenant_id: tenantId, sozialraum_id: line.sozialraumId, fiscal_year: line.fiscalYear };
      if (event.type === 'RevenueRecorded') {
        revenue.add({ ...year, kind: event.data.kind, month: line.month }, 'amount', line.amount);
        continue;
      }
      if (line.inBudget && line.measure === 'actual') {
        // Anordnungen count in the month of the payment order (its business date), as in LedgerBook.
        const month = (event.metadata.businessDate ?? event.recordedAt.toISOString()).slice(0, 7);
        orders.add({ ...year, category: line.category ?? 'FS', month }, 'amount', line.amount);
      }
      const cell = {
        ...year,
        scope: line.inBudget ? 'budget' : (line.outOfBudgetReason ?? 'other'),
        category: line.category ?? 'FS',
        provider_id: line.providerId ?? '-',
        month: line.month,
      };
      cells.add(cell, line.measure === 'forecast' ? 'forecast' : 'actual', line.amount);
    }
  }

  const changes: UtilisationChange[] = [];
  for (const row of revenue.summed())
    changes.push({ kind: 'upsert', table: 'utilisation_revenue', row, key: ['tenant_id', 'sozialraum_id', 'fiscal_year', 'kind', 'month'], onConflict: 'add' });
  for (const row of orders.summed())
    changes.push({
      kind: 'upsert',
      table: 'utilisation_orders',
      row,
      key: ['tenant_id', 'sozialraum_id', 'fiscal_year', 'category', 'month'],
      onConflict: 'add',
    });
  for (const row of cells.summed())
    changes.push({
      kind: 'upsert',
      table: 'utilisation_cells',
      row,
      key: ['tenant_id', 'sozialraum_id', 'fiscal_year', 'scope', 'category', 'provider_id', 'month'],
      onConflict: 'add',
    });
  for (const { key, planned: amounts } of plannedByYear.values()) {
    for (const category of BUDGET_CATEGORIES) {
      changes.push({
        kind: 'upsert',
        table: 'utilisation_planned',
        row: { tenant_id: key.tenantId, sozialraum_id: key.sozialraumId, fiscal_year: key.fiscalYear, category, planned: formatAmount(amounts[category]) },
        key: ['tenant_id', 'sozialraum_id', 'fiscal_year', 'category'],
        onConflict: 'replace',
      });
    }
  }
  return changes;
}
