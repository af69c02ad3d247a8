import {
  CsvCellError,
  CsvColumn,
  CsvRecord,
  cellError,
  cellOf,
  excerpt,
  germanDate,
  germanDecimal,
  inFileOrder,
  readGermanCsv,
  valueMissing,
} from '../../../libs/csv';
import { Decimal, MAX_AMOUNT } from '../../../libs/money';
import { Text, text } from '../../../libs/text/text';

/** One payment the Finanzverfahren reports back against an order of an exported batch. */
export interface FeedbackRow {
  line: number;
  anordnungsnummer: string;
  /** ISO date yyyy-mm-dd. */
  paidOn: string;
  documentNumber: string;
  /** Exactly two decimals ('1300.00', '-55.50'); negative for an Absetzung. */
  amount: string;
}

type Field = 'anordnungsnummer' | 'paidOn' | 'documentNumber' | 'amount';

const REQUIRED: ReadonlyArray<{ key: Field; header: string }> = [
  { key: 'anordnungsnummer', header: 'Anordnungsnummer' },
  { key: 'paidOn', header: 'Bezahlt am' },
  { key: 'documentNumber', header: 'Belegnummer' },
  { key: 'amount', header: 'Betrag' },
];

const ANORDNUNGSNUMMER = /^AO-\d{4}-\d{6}$/;
const MAX_DOCUMENT_NUMBER = 40;

/**
 * Reads the Finanzverfahren's payment feedback. Every problem is collected with its line and
 * column; `rows` holds the lines valid on their own, and a caller applies nothing while `errors`
 * is non-empty. A payment reported twice is no error of the file: both rows are returned, since
 * telling a double payment apart from a repeated report is the reconciliation's job.
 */
export function parseFeedbackCsv(input: string): { rows: FeedbackRow[]; errors: CsvCellError[] } {
  const csv = readGermanCsv(input, REQUIRED);
  const errors = [...csv.errors];
  const rows: FeedbackRow[] = [];
  for (const record of csv.records) {
    const row = readRow(record, csv.byKey, errors);
    if (row && csv.complete) rows.push(row);
  }
  return { rows, errors: inFileOrder(errors) };
}

function readRow(record: CsvRecord, byField: Map<Field, CsvColumn<Field>>, errors: CsvCellError[]): FeedbackRow | null {
  const before = errors.length;
  /** The cell's value when it passes `check`; a missing column was reported with the header already. */
  const read = (field: Field, check: (raw: string) => string | { message: Text }): string => {
    const column = byField.get(field);
    if (!column) return '';
    const raw = cellOf(record, column);
    const checked = raw === '' ? { message: valueMissing() } : check(raw);
    if (typeof checked === 'string') return checked;
    errors.push(cellError(record.line, column.header, checked.message));
    return '';
  };

  const anordnungsnummer = read('anordnungsnummer', (raw) =>
    ANORDNUNGSNUMMER.test(raw)
      ? raw
      : {
          message: text(
            `„${excerpt(raw)}“ ist keine Anordnungsnummer; erwartet wird AO-JJJJ-NNNNNN (z. B. AO-2025-000017).`,
            `"${excerpt(raw)}" is not an Anordnungsnummer; expected AO-YYYY-NNNNNN (e.g. AO-2025-000017).`,
          ),
        },
  );
  const paidOn = read('paidOn', (raw) => {
    const date = germanDate(raw);
    return 'iso' in date ? date.iso : date;
  });
  const documentNumber = read('documentNumber', (raw) => {
    const length = Array.from(raw).length;
    if (length <= MAX_DOCUMENT_NUMBER) return raw;
    return {
      message: text(
        `Die Belegnummer „${excerpt(raw)}“ ist ${length} Zeichen lang; erlaubt sind höchstens ${MAX_DOCUMENT_NUMBER}.`,
        `The document number "${excerpt(raw)}" is ${length} characters long; at most ${MAX_DOCUMENT_NUMBER} are allowed.`,
      ),
    };
  });
  const amount = read('amount', parseAmount);

  if (errors.length > before) return null;
  return { line: record.line, anordnungsnummer, paidOn, documentNumber, amount };
}

/** A German amount to the cent, normalised to two decimals; negative is an Absetzung and allowed. */
function parseAmount(raw: string): string | { message: Text } {
  const parsed = germanDecimal(raw);
  if ('message' in parsed) {
    if (parsed.suggestion !== null) {
      return {
        message: text(
          `„${excerpt(raw)}“ ist kein Betrag in deutscher Schreibweise; das Dezimalzeichen ist das Komma („${parsed.suggestion}“), der Punkt trennt nur Tausender („1.300“).`,
          `"${excerpt(raw)}" is not an amount in German notation; the decimal separator is the comma ("${parsed.suggestion}"), the point only separates thousands ("1.300").`,
        ),
      };
    }
    return { message: text(`„${excerpt(raw)}“ ist kein Betrag.`, `"${excerpt(raw)}" is not an amount.`) };
  }
  if (parsed.fraction.length > 2) {
    // Rounding a reported payment would make it disagree with the Finanzverfahren's own books.
    return {
      message: text(
        `„${excerpt(raw)}“ hat mehr als zwei Nachkommastellen; ein Betrag wird auf den Cent genau angegeben.`,
        `"${excerpt(raw)}" has more than two decimals; an amount is given to the cent.`,
      ),
    };
  }
  const amount = `${parsed.negative ? '-' : ''}${parsed.integer}.${parsed.fraction.padEnd(2, '0')}`;
  if (new Decimal(amount).abs().gt(MAX_AMOUNT)) {
    return { message: text(`„${excerpt(raw)}“ ist zu groß.`, `"${excerpt(raw)}" is too large.`) };
  }
  return amount;
}
