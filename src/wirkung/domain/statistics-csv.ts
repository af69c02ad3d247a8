import {
  CsvCellError,
  CsvColumn,
  CsvRecord,
  cellError,
  cellOf,
  excerpt,
  formatGermanDate,
  germanDate,
  germanDecimal,
  groupThousands,
  inFileOrder,
  readGermanCsv,
  valueMissing,
} from '../../../libs/csv';
import { Text, text } from '../../../libs/text/text';

/** One data line of the statistics office's CSV: a Sozialraum's dated facts. */
export interface StatisticsRow {
  line: number;
  sozialraumId: string;
  /** ISO date yyyy-mm-dd, whichever of the two accepted notations the file used. */
  validFrom: string;
  residents: number;
  residentsUnder21: number;
  /**
   * Every column beyond the required ones, in column order; the value keeps the file's digits
   * exactly (only the separators change, '1.234,50' → '1234.50'), because a statistic published
   * as 12,40 must not come back as 12.4. Empty cells are left out.
   */
  keyFigures: Array<{ name: string; value: string }>;
}

/** `column` is the header's text as in the file, or null where the problem is the line as a whole. */
export type StatisticsCsvError = CsvCellError;

type RequiredField = 'sozialraum' | 'stichtag' | 'einwohner' | 'einwohnerUnter21';

const REQUIRED: ReadonlyArray<{ key: RequiredField; header: string }> = [
  { key: 'sozialraum', header: 'Sozialraum' },
  { key: 'stichtag', header: 'Stichtag' },
  { key: 'einwohner', header: 'Einwohner' },
  { key: 'einwohnerUnter21', header: 'Einwohner unter 21' },
];

type Column = CsvColumn<RequiredField>;

/**
 * Reads the statistics office's CSV. Every problem is collected rather than stopping at the first,
 * so the office can fix the whole file in one round; `rows` holds only the lines that are valid on
 * their own, and a caller applies nothing while `errors` is non-empty.
 */
export function parseStatisticsCsv(input: string): { rows: StatisticsRow[]; errors: StatisticsCsvError[] } {
  const csv = readGermanCsv(input, REQUIRED);
  const errors = [...csv.errors];
  const rows: StatisticsRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of csv.records) {
    const row = readRow(record, csv.columns, csv.byKey, errors);
    if (!row || !csv.complete) continue;
    const key = `${row.sozialraumId}\u0000${row.validFrom}`;
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      errors.push(
        cellError(
          record.line,
          csv.byKey.get('stichtag')!.header,
          text(
            `Sozialraum „${row.sozialraumId}“ mit Stichtag ${formatGermanDate(row.validFrom)} steht bereits in Zeile ${first}.`,
            `Sozialraum "${row.sozialraumId}" with Stichtag ${row.validFrom} already appears in line ${first}.`,
          ),
        ),
      );
      continue;
    }
    firstLineOf.set(key, record.line);
    rows.push(row);
  }
  return { rows, errors: inFileOrder(errors) };
}

function readRow(record: CsvRecord, columns: Column[], byField: Map<RequiredField, Column>, errors: StatisticsCsvError[]): StatisticsRow | null {
  const before = errors.length;
  const cell = (column: Column) => cellOf(record, column);
  const report = (column: Column, message: Text) => errors.push(cellError(record.line, column.header, message));

  let sozialraumId = '';
  const sozialraum = byField.get('sozialraum');
  if (sozialraum) {
    sozialraumId = cell(sozialraum);
    if (sozialraumId === '') report(sozialraum, valueMissing());
  }

  let validFrom = '';
  const stichtag = byField.get('stichtag');
  if (stichtag) {
    const raw = cell(stichtag);
    if (raw === '') report(stichtag, valueMissing());
    else {
      const date = germanDate(raw);
      if ('iso' in date) validFrom = date.iso;
      else report(stichtag, date.message);
    }
  }

  const count = (field: RequiredField): number | null => {
    const column = byField.get(field);
    if (!column) return null;
    const raw = cell(column);
    if (raw === '') {
      report(column, valueMissing());
      return null;
    }
    const parsed = germanDecimal(raw);
    if ('message' in parsed) {
      report(column, parsed.message);
      return null;
    }
    if (parsed.negative) {
      report(column, negative(raw));
      return null;
    }
    if (/[^0]/.test(parsed.fraction)) {
      report(
        column,
        text(
          `„${excerpt(raw)}“ ist keine ganze Zahl; Einwohner werden ganzzahlig gezählt.`,
          `"${excerpt(raw)}" is not a whole number; residents are counted in whole numbers.`,
        ),
      );
      return null;
    }
    const value = Number(parsed.integer);
    if (!Number.isSafeInteger(value)) {
      report(column, text(`„${excerpt(raw)}“ ist zu groß.`, `"${excerpt(raw)}" is too large.`));
      return null;
    }
    return value;
  };
  const residents = count('einwohner');
  const residentsUnder21 = count('einwohnerUnter21');
  if (residents !== null && residentsUnder21 !== null && residentsUnder21 > residents) {
    report(
      byField.get('einwohnerUnter21')!,
      text(
        `${groupThousands(residentsUnder21)} Einwohner unter 21 sind mehr als ${groupThousands(residents)} Einwohner insgesamt.`,
        `${residentsUnder21} residents under 21 exceed the ${residents} residents in total.`,
      ),
    );
  }

  const keyFigures: StatisticsRow['keyFigures'] = [];
  for (const column of columns) {
    if (column.key) continue;
    const raw = cell(column);
    if (raw === '') continue;
    const parsed = germanDecimal(raw);
    if ('message' in parsed) report(column, parsed.message);
    else if (parsed.negative) report(column, negative(raw));
    else keyFigures.push({ name: column.header, value: parsed.value });
  }

  if (errors.length > before || residents === null || residentsUnder21 === null) return null;
  return { line: record.line, sozialraumId, validFrom, residents, residentsUnder21, keyFigures };
}

function negative(raw: string): Text {
  return text(`„${excerpt(raw)}“ ist negativ; erlaubt sind nur Werte ab 0.`, `"${excerpt(raw)}" is negative; only values of 0 or more are allowed.`);
}
