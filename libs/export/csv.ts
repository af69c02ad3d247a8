import { assertRowsFit, ColumnKind, Table } from './table';

export interface CsvOptions {
  /** Decimal comma with semicolons (what German Excel reads); otherwise decimal point with commas. */
  decimalComma: boolean;
}

const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(['integer', 'amount', 'percent']);
const NUMBER = /^-?\d+(\.\d+)?$/;
/** What Excel would start to evaluate as a formula when the file is opened. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * CSV for Excel in German offices: UTF-8 with BOM, CRLF line ends, the header row first. Numbers
 * of the numeric columns get the decimal comma; every other cell that Excel would read as a
 * formula is neutralised with a leading apostrophe; dates and months stay ISO, which Excel reads
 * as dates.
 */
export function renderCsv(table: Table, options: CsvOptions): string {
  assertRowsFit(table);
  const separator = options.decimalComma ? ';' : ',';
  const cell = (value: string, kind: ColumnKind) => {
    let text = value;
    const numeric = NUMERIC_KINDS.has(kind) && NUMBER.test(text);
    if (numeric && options.decimalComma) text = text.replace('.', ',');
    if (!numeric && FORMULA_START.test(text)) text = `'${text}`;
    return text.includes(separator) || /["\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const header = table.columns.map((column) => cell(column.header, 'text'));
  const lines = [header, ...table.rows.map((row) => row.map((value, index) => cell(value, table.columns[index].kind)))];
  return `\uFEFF${lines.map((line) => line.join(separator)).join('\r\n')}\r\n`;
}
