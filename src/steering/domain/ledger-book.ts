import { Decimal, ZERO, formatAmount, formatPercent } from '../../../libs/money';
import { monthsBetween } from '../../../libs/calendar';
import { by, compareText, inOrderOf, sortedBy, thenBy } from '../../../libs/order';
import { BUDGET_CATEGORIES, BudgetCategory } from '../../shared/budget-category';
import { LedgerEvent, OutOfBudgetReason, RevenueKind, isLedgerEventType, ledgerLines } from '../../ledger';
import { BookEvent, BookView, visible } from './book-event';
import { PLANNING_TYPES, PerCategory, applyPlanning, totalOf, zeroPerCategory } from './planned-budget';

export interface Cell {
  forecast: Decimal;
  actual: Decimal;
}

const newCell = (): Cell => ({ forecast: ZERO, actual: ZERO });

/**
 * The orders of the utilisation's lists (docs/architecture.md, "Order of lists"). The maps behind
 * them keep the order their keys first came in, which is the order of the events replayed or of
 * the read-model rows read: never an order to show.
 */
export const providerLineOrder = thenBy<{ providerId: string; category: string }>(
  by((p) => p.providerId, compareText),
  by((p) => p.category, inOrderOf(BUDGET_CATEGORIES)),
);
export const outOfBudgetOrder = by<{ reason: string }, string>((r) => r.reason, compareText);
export const revenueOrder = by<{ kind: string }, string>((r) => r.kind, compareText);

/**
 * The figures of one Sozialraum-year, folded from its events as seen through a view. Forecast =
 * commitments in force (R6); actual = accrued expenditure by Leistungsmonat (R3); open
 * commitment = forecast − actual; available = planned − forecast. Out-of-budget money (R1) and
 * revenue (R2) are kept beside, never in the budget figures.
 */
export class LedgerBook {
  planned: PerCategory = zeroPerCategory();
  readonly inBudget = new Map<string, Cell>(); // category|month
  readonly byProvider = new Map<string, Cell>(); // provider|category
  readonly outOfBudget = new Map<string, Cell>(); // reason|month
  readonly revenue = new Map<string, Decimal>(); // kind|month
  /** Payment orders (Anordnungen) in budget, by category and the month of their business date. */
  readonly orders = new Map<string, Decimal>(); // category|month of order
  eventsApplied = 0;

  constructor(
    readonly sozialraumId: string,
    readonly fiscalYear: number,
  ) {}

  static fold(sozialraumId: string, fiscalYear: number, events: BookEvent[], view: BookView = {}): LedgerBook {
    const book = new LedgerBook(sozialraumId, fiscalYear);
    for (const event of events) if (visible(event, view)) book.apply(event);
    return book;
  }

  apply(event: BookEvent): void {
    if (PLANNING_TYPES.has(event.type)) {
      if (event.streamId.endsWith(`/budget/${this.sozialraumId}/${this.fiscalYear}`)) {
        this.planned = applyPlanning(this.planned, event);
        this.eventsApplied++;
      }
      return;
    }
    if (!isLedgerEventType(event.type)) return;
    this.eventsApplied++;
    // The type names the shape: the data as the ledger defines it.
    const ledgerEvent = { type: event.type, data: event.data } as LedgerEvent;
    for (const line of ledgerLines(ledgerEvent)) {
      if (line.sozialraumId !== this.sozialraumId || line.fiscalYear !== this.fiscalYear) continue;
      if (line.measure === 'revenue') {
        // Revenue lines come only from RevenueRecorded (ledgerLines), kept by its kind.
        if (ledgerEvent.type === 'RevenueRecorded') {
          const key = `${ledgerEvent.data.kind}|${line.month}`;
          this.revenue.set(key, (this.revenue.get(key) ?? ZERO).plus(line.amount));
        }
        continue;
      }
      const target = line.inBudget ? this.inBudget : this.outOfBudget;
      const key = line.inBudget ? `${line.category}|${line.month}` : `${line.outOfBudgetReason ?? 'other'}|${line.month}`;
      add(target, key, line.measure, line.amount);
      if (line.inBudget) {
        add(this.byProvider, `${line.providerId ?? '-'}|${line.category}`, line.measure, line.amount);
        if (line.measure === 'actual') {
          const orderKey = `${line.category}|${event.businessDate.slice(0, 7)}`;
          this.orders.set(orderKey, (this.orders.get(orderKey) ?? ZERO).plus(line.amount));
        }
      }
    }
  }

  get budgetTotal(): Decimal {
    return totalOf(this.planned);
  }

  cell(category: BudgetCategory, month: string): Cell {
    return this.inBudget.get(`${category}|${month}`) ?? newCell();
  }

  categoryTotals(category: BudgetCategory): Cell {
    const total = newCell();
    for (const [key, cell] of this.inBudget) {
      if (!key.startsWith(`${category}|`)) continue;
      total.forecast = total.forecast.plus(cell.forecast);
      total.actual = total.actual.plus(cell.actual);
    }
    return total;
  }

  totals(): Cell {
    return BUDGET_CATEGORIES.map((c) => this.categoryTotals(c)).reduce(
      (sum, c) => ({ forecast: sum.forecast.plus(c.forecast), actual: sum.actual.plus(c.actual) }),
      newCell(),
    );
  }

  forecastPct(): Decimal {
    const b = this.budgetTotal;
    return b.isZero() ? ZERO : this.totals().forecast.div(b).times(100);
  }

  months(): string[] {
    return monthsBetween(`${this.fiscalYear}-01`, `${this.fiscalYear}-12`);
  }

  /** Utilisation rows per category × month plus category and total summaries, as strings. */
  utilisation() {
    const b = this.budgetTotal;
    const pct = (v: Decimal) => (b.isZero() ? '0.00' : formatPercent(v.div(b).times(100)));
    const categories = BUDGET_CATEGORIES.map((category) => {
      const totals = this.categoryTotals(category);
      return {
        category,
        planned: formatAmount(this.planned[category]),
        committed: formatAmount(totals.forecast.minus(totals.actual)),
        actual: formatAmount(totals.actual),
        forecast: formatAmount(totals.forecast),
        available: formatAmount(this.planned[category].minus(totals.forecast)),
        months: this.months().map((month) => {
          const cell = this.cell(category, month);
          return { month, committed: formatAmount(cell.forecast.minus(cell.actual)), actual: formatAmount(cell.actual), forecast: formatAmount(cell.forecast) };
        }),
      };
    });
    const totals = this.totals();
    return {
      sozialraumId: this.sozialraumId,
      fiscalYear: this.fiscalYear,
      budget: formatAmount(b),
      planned: formatAmount(b),
      committed: formatAmount(totals.forecast.minus(totals.actual)),
      actual: formatAmount(totals.actual),
      forecast: formatAmount(totals.forecast),
      available: formatAmount(b.minus(totals.forecast)),
      forecastPctOfBudget: pct(totals.forecast),
      categories,
      monthlyActual: this.months().map((month) => {
        const perCategory = Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, formatAmount(this.cell(c, month).actual)])) as Record<BudgetCategory, string>;
        const total = BUDGET_CATEGORIES.reduce((sum, c) => sum.plus(this.cell(c, month).actual), ZERO);
        return { month, ...perCategory, total: formatAmount(total) };
      }),
      providers: sortedBy(
        [...this.byProvider.entries()].map(([key, cell]) => {
          const [providerId, category] = key.split('|');
          return {
            providerId,
            category: category as BudgetCategory,
            committed: formatAmount(cell.forecast.minus(cell.actual)),
            actual: formatAmount(cell.actual),
            forecast: formatAmount(cell.forecast),
          };
        }),
        providerLineOrder,
      ),
      outOfBudget: this.outOfBudgetSummary(),
      revenue: this.revenueSummary(),
    };
  }

  outOfBudgetSummary() {
    const byReason = new Map<OutOfBudgetReason | 'other', Cell>();
    for (const [key, cell] of this.outOfBudget) {
      const reason = key.split('|')[0] as OutOfBudgetReason | 'other';
      const sum = byReason.get(reason) ?? newCell();
      byReason.set(reason, { forecast: sum.forecast.plus(cell.forecast), actual: sum.actual.plus(cell.actual) });
    }
    return sortedBy(
      [...byReason.entries()].map(([reason, cell]) => ({ reason, forecast: formatAmount(cell.forecast), actual: formatAmount(cell.actual) })),
      outOfBudgetOrder,
    );
  }

  revenueSummary() {
    const byKind = new Map<RevenueKind, Decimal>();
    for (const [key, amount] of this.revenue) {
      const kind = key.split('|')[0] as RevenueKind;
      byKind.set(kind, (byKind.get(kind) ?? ZERO).plus(amount));
    }
    return sortedBy(
      [...byKind.entries()].map(([kind, amount]) => ({ kind, amount: formatAmount(amount) })),
      revenueOrder,
    );
  }

  /** Payment orders (Anordnungen) of a category, or of the whole budget, as seen through the view. */
  ordersOf(category?: BudgetCategory): Decimal {
    let sum = ZERO;
    for (const [key, amount] of this.orders) if (!category || key.startsWith(`${category}|`)) sum = sum.plus(amount);
    return sum;
  }

  /**
   * Haushaltsüberwachungsliste: Ansatz, Bindungen (open), Anordnungen (payment orders), Ist, Rest.
   * Anordnungen are the payment orders issued (invoice payment orders, instalment payment orders,
   * actual reports of flexible items, less reversals). Ist equals them here: the system records
   * no separate payment by the Gemeindekasse, the payment order itself books the actual
   * expenditure (R4), so every Anordnung is Ist at once. The two would part only with a payment
   * feed from the Kasse; Ist is kept as its own column for that reason and for the auditors'
   * familiar layout.
   */
  monitoringList() {
    const rows = BUDGET_CATEGORIES.map((category) => {
      const t = this.categoryTotals(category);
      return {
        category,
        ansatz: formatAmount(this.planned[category]),
        bindungen: formatAmount(t.forecast.minus(t.actual)),
        anordnungen: formatAmount(this.ordersOf(category)),
        ist: formatAmount(t.actual),
        rest: formatAmount(this.planned[category].minus(t.forecast)),
      };
    });
    const totals = this.totals();
    const orders = this.ordersOf();
    return {
      sozialraumId: this.sozialraumId,
      fiscalYear: this.fiscalYear,
      rows,
      total: {
        ansatz: formatAmount(this.budgetTotal),
        bindungen: formatAmount(totals.forecast.minus(totals.actual)),
        anordnungen: formatAmount(orders),
        ist: formatAmount(totals.actual),
        rest: formatAmount(this.budgetTotal.minus(totals.forecast)),
      },
    };
  }
}

function add(map: Map<string, Cell>, key: string, measure: 'forecast' | 'actual', amount: Decimal): void {
  const cell = map.get(key) ?? newCell();
  map.set(key, measure === 'forecast' ? { ...cell, forecast: cell.forecast.plus(amount) } : { ...cell, actual: cell.actual.plus(amount) });
}
