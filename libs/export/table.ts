/**
 * A table as it is exported: columns that say what their cells are, and rows of strings exactly as
 * the API answers them (amounts as two-decimal decimal strings, dates as ISO dates). The renderers
 * decide how a kind is written; the table never holds a computed number.
 */

/**
 * What a column holds: text; a whole number; an amount in euro ("1234.50"); a percentage as the
 * figure itself ("81.08" is 81.08 %); a calendar date ("2025-08-31"); a month ("2025-08").
 */
export type ColumnKind = 'text' | 'integer' | 'amount' | 'percent' | 'date' | 'month';

export interface Column {
  /** German, as the user reads it in the header row. */
  header: string;
  kind: ColumnKind;
  /** In characters; without it the header's length, at least what the kind usually needs. */
  width?: number;
}

export interface Table {
  columns: readonly Column[];
  /** One string per column; '' is an empty cell. */
  rows: ReadonlyArray<readonly string[]>;
}

/** The room the values of a kind usually take ("-999.999.999,99 €", "31.12.2025", "08.2025"). */
const KIND_WIDTH: Record<ColumnKind, number> = { text: 12, integer: 8, amount: 16, percent: 10, date: 11, month: 10 };

export function columnWidth(column: Column): number {
  return column.width ?? Math.max(column.header.length + 2, KIND_WIDTH[column.kind]);
}

/** A row that does not fit its columns is a bug of the table's definition, not something to guess around. */
export function assertRowsFit(table: Table): void {
  table.rows.forEach((row, index) => {
    if (row.length !== table.columns.length) throw new Error(`row ${index + 1} has ${row.length} cells for ${table.columns.length} columns`);
  });
}
