import { Workbook, Worksheet } from 'exceljs';
import { amountCell, berlinWallClock, dateCell, integerCell, monthCell, percentCell } from './cell-values';
import { assertRowsFit, ColumnKind, columnWidth, Table } from './table';

/** The formats German Excel shows as 1.234,50 €, 81,08 %, 31.08.2025, 08.2025 (separators follow the locale). */
export const XLSX_FORMATS = {
  amount: '#,##0.00 "€"',
  percent: '0.00 "%"',
  integer: '0',
  date: 'dd.mm.yyyy',
  month: 'mm.yyyy',
  timestamp: 'dd.mm.yyyy hh:mm:ss',
} as const;

/** One line of the sheet "Parameter": what the file shows and through which view. */
export interface Parameter {
  /** German: "Sozialraum", "Stand am", … */
  label: string;
  /** Text as given; for kind date an ISO date, for kind timestamp an ISO instant (shown in Europe/Berlin). */
  value: string;
  kind?: 'text' | 'date' | 'timestamp';
}

export interface Spreadsheet {
  /** The data sheet's name: at most 31 characters, none of : \ / ? * [ ]. */
  sheetName: string;
  table: Table;
  /** The view's parameters, listed on the sheet "Parameter" before "Erstellt am". */
  parameters: readonly Parameter[];
  /** When the file was made: the last line of "Parameter", in Europe/Berlin. */
  createdAt: Date;
}

export const PARAMETER_SHEET = 'Parameter';

/**
 * The table as an XLSX workbook: a data sheet with a bold, frozen header row and an auto filter,
 * the columns as wide as declared, every cell typed by its column (amounts and percentages as
 * numbers with their format, dates and months as dates, text as text, which Excel never evaluates
 * as a formula), and a second sheet "Parameter" with the view the figures were read through.
 */
export async function renderXlsx(spreadsheet: Spreadsheet): Promise<Buffer> {
  const { table } = spreadsheet;
  assertRowsFit(table);
  const workbook = new Workbook();
  workbook.created = spreadsheet.createdAt;
  workbook.modified = spreadsheet.createdAt;

  const data = workbook.addWorksheet(spreadsheet.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = table.columns.map((column) => ({ header: column.header, width: sheetWidth(columnWidth(column)) }));
  for (const values of table.rows) {
    const row = data.addRow([]);
    values.forEach((value, index) => {
      if (value === '') return;
      const cell = row.getCell(index + 1);
      const typed = typedValue(value, table.columns[index].kind);
      cell.value = typed.value;
      if (typed.numFmt) cell.numFmt = typed.numFmt;
    });
  }
  headerRow(data);
  if (table.columns.length > 0) data.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };

  const parameters = workbook.addWorksheet(PARAMETER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  parameters.columns = [
    { header: 'Parameter', width: 22 },
    { header: 'Wert', width: 40 },
  ];
  for (const parameter of [...spreadsheet.parameters, { label: 'Erstellt am', value: spreadsheet.createdAt.toISOString(), kind: 'timestamp' as const }]) {
    const row = parameters.addRow([parameter.label]);
    const cell = row.getCell(2);
    if (parameter.kind === 'date') {
      const date = dateCell(parameter.value);
      if (!date) throw new Error(`parameter ${parameter.label}: "${parameter.value}" is not an ISO date`);
      cell.value = date;
      cell.numFmt = XLSX_FORMATS.date;
    } else if (parameter.kind === 'timestamp') {
      const instant = new Date(parameter.value);
      if (Number.isNaN(instant.getTime())) throw new Error(`parameter ${parameter.label}: "${parameter.value}" is not an instant`);
      cell.value = berlinWallClock(instant);
      cell.numFmt = XLSX_FORMATS.timestamp;
    } else {
      cell.value = parameter.value;
    }
  }
  headerRow(parameters);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** exceljs writes no width for a column of its default width 9, which Excel would then show narrower: such a column gets a hair more. */
function sheetWidth(width: number): number {
  return width === 9 ? 9.1 : width;
}

function headerRow(sheet: Worksheet): void {
  sheet.getRow(1).font = { bold: true };
}

function typedValue(value: string, kind: ColumnKind): { value: string | number | Date; numFmt?: string } {
  switch (kind) {
    case 'amount':
      return { value: amountCell(value), numFmt: XLSX_FORMATS.amount };
    case 'percent':
      return { value: percentCell(value), numFmt: XLSX_FORMATS.percent };
    case 'integer': {
      const number = integerCell(value);
      return typeof number === 'number' ? { value: number, numFmt: XLSX_FORMATS.integer } : { value: number };
    }
    case 'date': {
      const date = dateCell(value);
      return date ? { value: date, numFmt: XLSX_FORMATS.date } : { value };
    }
    case 'month': {
      const month = monthCell(value);
      return month ? { value: month, numFmt: XLSX_FORMATS.month } : { value };
    }
    case 'text':
      return { value };
  }
}
