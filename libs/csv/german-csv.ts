import { Text, text } from '../text/text';

/** `column` is the header's text as in the file, or null where the problem is the line as a whole. */
export interface CsvCellError {
  line: number;
  column: string | null;
  message: Text;
}

/** A data record: `line` is the file line it starts on (a quoted cell may span lines); cells are untrimmed. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export interface RequiredColumn<K extends string = string> {
  key: K;
  header: string;
}

/** A header cell that can be read: `key` is the required column it stands for, null for any further column. */
export interface CsvColumn<K extends string = string> {
  index: number;
  header: string;
  key: K | null;
}

export interface GermanCsv<K extends string = string> {
  /** In file order; untitled and repeated header cells are not among them. */
  columns: CsvColumn<K>[];
  byKey: Map<K, CsvColumn<K>>;
  /** Whether every required column is present; without one, no record can be valid. */
  complete: boolean;
  /** Only the records with exactly the header's number of cells and sound quoting. */
  records: CsvRecord[];
  errors: CsvCellError[];
}

interface RawRecord extends CsvRecord {
  /** A quoting problem makes the cell boundaries unreliable, so such a record is not handed on. */
  malformed: { column: number; problem: 'unterminated' | 'afterQuote' } | null;
}

/**
 * Reads a CSV as German spreadsheets and public-sector systems write it: ';' separated, RFC 4180
 * quoting, CRLF or LF, with or without a BOM, a header line first. Every structural problem is
 * collected rather than stopping at the first, so a file can be fixed in one round; what the cells
 * mean is the caller's business. Errors come in file order, so a caller appending its own cell
 * errors keeps that order by sorting stably by line (see `inFileOrder`).
 */
export function readGermanCsv<K extends string>(input: string, required: ReadonlyArray<RequiredColumn<K>>): GermanCsv<K> {
  const errors: CsvCellError[] = [];
  const records = dropTrailingEmpty(tokenize(input.startsWith('\uFEFF') ? input.slice(1) : input));
  const nothing = (): GermanCsv<K> => ({ columns: [], byKey: new Map(), complete: false, records: [], errors });

  if (records.length === 0) {
    const headers = required.map((r) => r.header);
    errors.push(
      lineError(
        1,
        text(
          `Die Datei ist leer; erwartet wird eine Kopfzeile mit ${enumerate(
            headers.map((h) => `„${h}“`),
            'und',
          )}.`,
          `The file is empty; a header line with ${enumerate(
            headers.map((h) => `"${h}"`),
            'and',
          )} is expected.`,
        ),
      ),
    );
    return nothing();
  }

  const [headerRecord, ...dataRecords] = records;
  if (headerRecord.malformed) {
    // The broken cell's text is no reliable header name: an unclosed quote swallows the rest of the file.
    errors.push(malformedError(headerRecord, null));
    return nothing();
  }
  const columns = readHeader(headerRecord, required, errors);
  const byKey = new Map<K, CsvColumn<K>>();
  for (const column of columns) if (column.key !== null) byKey.set(column.key, column);
  const complete = required.every(({ key }) => byKey.has(key));

  if (dataRecords.length === 0) {
    errors.push(
      lineError(1, text('Die Datei enthält nur die Kopfzeile, aber keine Datenzeilen.', 'The file contains only the header line and no data lines.')),
    );
  }

  const accepted: CsvRecord[] = [];
  for (const record of dataRecords) {
    if (record.malformed) {
      errors.push(malformedError(record, headerRecord.cells[record.malformed.column]?.trim() || null));
      continue;
    }
    if (isBlank(record)) {
      errors.push(lineError(record.line, text('Die Zeile ist leer.', 'The line is empty.')));
      continue;
    }
    if (record.cells.length !== headerRecord.cells.length) {
      // Shifted cells would be checked against the wrong headers and bury the real cause in noise.
      errors.push(
        lineError(
          record.line,
          text(
            `Die Zeile hat ${record.cells.length} Zellen, die Kopfzeile aber ${headerRecord.cells.length}. Enthält ein Wert ein „;“, muss er in Anführungszeichen stehen.`,
            `The line has ${record.cells.length} cells but the header line has ${headerRecord.cells.length}. A value containing ";" must be enclosed in double quotes.`,
          ),
        ),
      );
      continue;
    }
    accepted.push({ line: record.line, cells: record.cells });
  }
  return { columns, byKey, complete, records: accepted, errors };
}

/** Stable, so the problems of one line stay in the order they were found. */
export function inFileOrder(errors: CsvCellError[]): CsvCellError[] {
  return [...errors].sort((a, b) => a.line - b.line);
}

/** Headers match whatever the case and spacing, since spreadsheets are edited by hand. */
export function normalizeHeader(header: string): string {
  return header.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The cell of a record under a column, trimmed: spreadsheet cells often carry stray spaces. */
export function cellOf(record: CsvRecord, column: CsvColumn<string>): string {
  return record.cells[column.index].trim();
}

function readHeader<K extends string>(header: RawRecord, required: ReadonlyArray<RequiredColumn<K>>, errors: CsvCellError[]): CsvColumn<K>[] {
  const columns: CsvColumn<K>[] = [];
  const seen = new Map<string, string>();
  header.cells.forEach((cell, index) => {
    const name = cell.trim();
    if (name === '') {
      errors.push(
        lineError(
          header.line,
          text(
            `Spalte ${index + 1} der Kopfzeile hat keine Überschrift; jede Spalte braucht einen Namen.`,
            `Column ${index + 1} of the header line has no title; every column needs a name.`,
          ),
        ),
      );
      return;
    }
    const key = normalizeHeader(name);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      // Which of two same-named columns holds the true value is unknowable, so the second is not read.
      errors.push(cellError(header.line, name, text(`Die Spalte kommt doppelt vor (wie „${earlier}“).`, `The column appears twice (like "${earlier}").`)));
      return;
    }
    seen.set(key, name);
    const match = required.find((r) => normalizeHeader(r.header) === key);
    columns.push({ index, header: name, key: match?.key ?? null });
  });
  for (const { header: name } of required) {
    if (!seen.has(normalizeHeader(name))) {
      errors.push(cellError(header.line, name, text('Die Pflichtspalte fehlt in der Kopfzeile.', 'The required column is missing from the header line.')));
    }
  }
  return columns;
}

/**
 * Splits the text into records by RFC 4180 rules with ';' as separator. A quoted field may span
 * lines, so each record remembers the line it starts on: that is the line a user looks for.
 */
function tokenize(input: string): RawRecord[] {
  const records: RawRecord[] = [];
  let line = 1;
  let i = 0;
  while (i <= input.length) {
    const record: RawRecord = { line, cells: [], malformed: null };
    let cell = '';
    let ended = false;
    while (!ended) {
      if (input[i] === '"' && cell === '') {
        i++;
        let closed = false;
        while (i < input.length) {
          const char = input[i];
          if (char === '"') {
            if (input[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (char === '\n' || (char === '\r' && input[i + 1] !== '\n')) line++;
          cell += char;
          i++;
        }
        if (!closed) {
          record.malformed ??= { column: record.cells.length, problem: 'unterminated' };
        } else if (i < input.length && input[i] !== ';' && input[i] !== '\n' && input[i] !== '\r') {
          record.malformed ??= { column: record.cells.length, problem: 'afterQuote' };
        }
      }
      while (i < input.length && input[i] !== ';' && input[i] !== '\n' && input[i] !== '\r') {
        cell += input[i];
        i++;
      }
      record.cells.push(cell);
      cell = '';
      if (input[i] === ';') {
        i++;
        continue;
      }
      ended = true;
      if (input[i] === '\r' && input[i + 1] === '\n') i += 2;
      else i++;
      line++;
    }
    records.push(record);
  }
  return records;
}

function dropTrailingEmpty(records: RawRecord[]): RawRecord[] {
  let end = records.length;
  while (end > 0 && isBlank(records[end - 1])) end--;
  return records.slice(0, end);
}

function isBlank(record: RawRecord): boolean {
  return !record.malformed && record.cells.length === 1 && record.cells[0].trim() === '';
}

function malformedError(record: RawRecord, column: string | null): CsvCellError {
  const message =
    record.malformed!.problem === 'unterminated'
      ? text(
          'Ein Wert in Anführungszeichen wird nicht wieder geschlossen; ein „"“ innerhalb des Werts wird als „""“ geschrieben.',
          'A quoted value is never closed; a double quote inside a value is written as "".',
        )
      : text(
          'Nach dem schließenden Anführungszeichen folgt noch Text; ein „"“ innerhalb des Werts wird als „""“ geschrieben.',
          'Text follows the closing double quote; a double quote inside a value is written as "".',
        );
  return column === null ? lineError(record.line, message) : cellError(record.line, column, message);
}

function enumerate(items: string[], and: string): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/** A number in German notation, its digits kept exactly as written. */
export interface GermanDecimal {
  /** False for a zero written with a minus ('-0,00'), which is no Absetzung or deficit. */
  negative: boolean;
  /** Digits before the comma, without separators or leading zeros. */
  integer: string;
  /** Digits after the comma as written, trailing zeros included ('12,40' → '40'); '' without a comma. */
  fraction: string;
  /** '-1234.50' for '-1.234,50': the same digits with '.' as decimal point, signed when negative. */
  value: string;
}

export interface GermanDecimalRefusal {
  message: Text;
  /** The comma form of a value written with an English decimal point ('12.4' → '12,4'), else null. */
  suggestion: string | null;
}

/**
 * German notation only: a decimal comma and optional '.' thousands separators in groups of three.
 * A '.' that is not a thousands separator ('12.4') is refused rather than guessed at, since '1.234'
 * is one thousand two hundred thirty-four in the same file.
 */
export function germanDecimal(raw: string): GermanDecimal | GermanDecimalRefusal {
  const match = /^([-+]?)(\d+|\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/.exec(raw);
  if (!match) {
    if (/^[-+]?\d+\.\d+$/.test(raw)) {
      const suggestion = raw.replace('.', ',');
      return {
        suggestion,
        message: text(
          `„${excerpt(raw)}“ ist keine Zahl in deutscher Schreibweise; das Dezimalzeichen ist das Komma („${suggestion}“), der Punkt trennt nur Tausender („1.234“).`,
          `"${excerpt(raw)}" is not a number in German notation; the decimal separator is the comma ("${suggestion}"), the point only separates thousands ("1.234").`,
        ),
      };
    }
    return { suggestion: null, message: text(`„${excerpt(raw)}“ ist keine Zahl.`, `"${excerpt(raw)}" is not a number.`) };
  }
  const integer = match[2].replace(/\./g, '').replace(/^0+(?=\d)/, '');
  const fraction = match[3] ?? '';
  const negative = match[1] === '-' && /[1-9]/.test(integer + fraction);
  const value = `${negative ? '-' : ''}${integer}${fraction === '' ? '' : `.${fraction}`}`;
  return { negative, integer, fraction, value };
}

/** TT.MM.JJJJ (also with one-digit day or month, as spreadsheets write it) or JJJJ-MM-TT; a real calendar day. */
export function germanDate(raw: string): { iso: string } | { message: Text } {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(raw);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const parts = german ? { day: german[1], month: german[2], year: german[3] } : iso ? { day: iso[3], month: iso[2], year: iso[1] } : null;
  if (!parts) {
    return {
      message: text(
        `„${excerpt(raw)}“ ist kein Datum; erwartet wird TT.MM.JJJJ (z. B. 01.03.2024) oder JJJJ-MM-TT.`,
        `"${excerpt(raw)}" is not a date; expected DD.MM.YYYY (e.g. 01.03.2024) or YYYY-MM-DD.`,
      ),
    };
  }
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { message: text(`Den Tag „${excerpt(raw)}“ gibt es im Kalender nicht.`, `"${excerpt(raw)}" is not a real calendar date.`) };
  }
  return { iso: `${parts.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** '2024-03-01' → '01.03.2024', for messages that should read as the user wrote the date. */
export function formatGermanDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}.${month}.${year}`;
}

/** 14200 → '14.200', for messages that should read as the user wrote the number. */
export function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+$)/g, '.');
}

/** A cell quoted in a message is cut short so that a runaway cell does not swamp the message. */
export function excerpt(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

export function valueMissing(): Text {
  return text('Der Wert fehlt.', 'The value is missing.');
}

export function lineError(line: number, message: Text): CsvCellError {
  return { line, column: null, message: { de: `Zeile ${line}: ${message.de}`, en: `Line ${line}: ${message.en}` } };
}

export function cellError(line: number, column: string, message: Text): CsvCellError {
  return {
    line,
    column,
    message: { de: `Zeile ${line}, Spalte „${column}“: ${message.de}`, en: `Line ${line}, column "${column}": ${message.en}` },
  };
}
