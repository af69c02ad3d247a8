import { compareDecimal } from './format';

/**
 * Two readings of the utilisation side by side (e.g. the same Stand am with two Wissensstände):
 * which figures differ. Amounts stay decimal strings and are compared by their value, so "12.5"
 * and "12.50" are the same figure.
 */

/** The figures of one row of the utilisation, in the order of the table. */
export const COMPARED_FIGURES = [
  { key: 'planned', label: 'Ansatz' },
  { key: 'committed', label: 'Offene Bindungen' },
  { key: 'actual', label: 'Ist' },
  { key: 'forecast', label: 'Hochrechnung' },
  { key: 'available', label: 'Verfügbar' },
] as const;

export type FigureKey = (typeof COMPARED_FIGURES)[number]['key'];

export type Figures = Record<FigureKey, string>;

/** A reading: the totals and one row per category. */
export interface ComparableUtilisation<C extends string> extends Figures {
  categories: readonly (Figures & { category: C })[];
}

export interface ComparedFigure {
  key: FigureKey;
  label: string;
  /** Absent when the row is missing from that reading. */
  a?: string;
  b?: string;
  changed: boolean;
}

export interface ComparedRow<C extends string> {
  /** A category, or "total" for the Gesamt row. */
  row: C | 'total';
  figures: ComparedFigure[];
}

export interface UtilisationComparison<C extends string> {
  /** The categories in the order of reading A, then those only in B; the Gesamt row last. */
  rows: ComparedRow<C>[];
  changedCount: number;
}

/** Whether two figures differ: by value, and a figure present in one reading only differs. */
export function figureChanged(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a !== b;
  return compareDecimal(a, b) !== 0;
}

function compareRow<C extends string>(row: C | 'total', a: Figures | undefined, b: Figures | undefined): ComparedRow<C> {
  return {
    row,
    figures: COMPARED_FIGURES.map(({ key, label }) => {
      const left = a?.[key];
      const right = b?.[key];
      return { key, label, a: left, b: right, changed: figureChanged(left, right) };
    }),
  };
}

/** Every figure of the utilisation by category and in total, of reading A beside reading B. */
export function compareUtilisation<C extends string>(a: ComparableUtilisation<C>, b: ComparableUtilisation<C>): UtilisationComparison<C> {
  const order: C[] = [];
  for (const { category } of [...a.categories, ...b.categories]) if (!order.includes(category)) order.push(category);
  const rows: ComparedRow<C>[] = order.map((category) =>
    compareRow(
      category,
      a.categories.find((c) => c.category === category),
      b.categories.find((c) => c.category === category),
    ),
  );
  rows.push(compareRow<C>('total', a, b));
  const changedCount = rows.reduce((sum, row) => sum + row.figures.filter((f) => f.changed).length, 0);
  return { rows, changedCount };
}

/** "Keine Zahl unterscheidet sich." / "1 Zahl unterscheidet sich." / "3 Zahlen unterscheiden sich." */
export function describeChangedCount(count: number): string {
  if (count === 0) return 'Keine Zahl unterscheidet sich.';
  return count === 1 ? '1 Zahl unterscheidet sich.' : `${count} Zahlen unterscheiden sich.`;
}
