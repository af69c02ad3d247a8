import { text } from '../../../libs/text/text';

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
export interface StatisticsCsvError {
  line: number;
  column: string | null;
  message: { de: string; en: string };
}

type RequiredField = 'sozialraum' | 'stichtag' | 'einwohner' | 'einwohnerUnter21';

const REQUIRED: ReadonlyArray<{ field: RequiredField; header: string }> = [
  { field: 'sozialraum', header: 'Sozialraum' },
  { field: 'stichtag', header: 'Stichtag' },
  { field: 'einwohner', header: 'Einwohner' },
  { field: 'einwohnerUnter21', header: 'Einwohner unter 21' },
];

interface RawRecord {
  line: number;
  cells: string[];
  /** A quoting problem makes the cell boundaries unreliable, so such a record is not validated further. */
  malformed: { column: number; problem: 'unterminated' | 'afterQuote' } | null;
}

interface Column {
  index: number;
  header: string;
  field: RequiredField | null;
}

/**
 * Reads the statistics office's CSV. Every problem is collected rather than stopping at the first,
 * so the office can fix the whole file in one round; `rows` holds only the lines that are valid on
 * their own, and a caller applies nothing while `errors` is non-empty.
 */
export function parseStatisticsCsv(input: string): { rows: StatisticsRow[]; errors: StatisticsCsvError[] } {
  const errors: StatisticsCsvError[] = [];
  const records = dropTrailingEmpty(tokenize(input.startsWith('\uFEFF') ? input.slice(1) : input));

  if (records.length === 0) {
    errors.push(
      lineError(
        1,
        text(
          'Die Datei ist leer; erwartet wird eine Kopfzeile mit „Sozialraum“, „Stichtag“, „Einwohner“ und „Einwohner unter 21“.',
          'The file is empty; a header line with "Sozialraum", "Stichtag", "Einwohner" and "Einwohner unter 21" is expected.',
        ),
      ),
    );
    return { rows: [], errors };
  }

  const [headerRecord, ...dataRecords] = records;
  if (headerRecord.malformed) {
    errors.push(malformedError(headerRecord, headerRecord.cells[headerRecord.malformed.column]?.trim() || null));
    return { rows: [], errors };
  }
  const columns = readHeader(headerRecord, errors);
  const byField = new Map<RequiredField, Column>();
  for (const column of columns) if (column.field) byField.set(column.field, column);
  const complete = REQUIRED.every(({ field }) => byField.has(field));

  if (dataRecords.length === 0) {
    errors.push(
      lineError(1, text('Die Datei enthält nur die Kopfzeile, aber keine Datenzeilen.', 'The file contains only the header line and no data lines.')),
    );
  }

  const rows: StatisticsRow[] = [];
  const firstLineOf = new Map<string, number>();
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
    const row = readRow(record, columns, byField, errors);
    if (!row || !complete) continue;
    const key = `${row.sozialraumId}\u0000${row.validFrom}`;
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      const date = germanDate(row.validFrom);
      errors.push(
        cellError(
          record.line,
          byField.get('stichtag')!.header,
          text(
            `Sozialraum „${row.sozialraumId}“ mit Stichtag ${date} steht bereits in Zeile ${first}.`,
            `Sozialraum "${row.sozialraumId}" with Stichtag ${row.validFrom} already appears in line ${first}.`,
          ),
        ),
      );
      continue;
    }
    firstLineOf.set(key, record.line);
    rows.push(row);
  }
  return { rows, errors };
}

/** The header's columns that can be read; problems with the header itself go to `errors`. */
function readHeader(header: RawRecord, errors: StatisticsCsvError[]): Column[] {
  const columns: Column[] = [];
  const seen = new Map<string, string>();
  header.cells.forEach((cell, index) => {
    const name = cell.trim();
    if (name === '') {
      errors.push(
        lineError(
          header.line,
          text(
            `Spalte ${index + 1} der Kopfzeile hat keine Überschrift; jede Kennzahl braucht einen Namen.`,
            `Column ${index + 1} of the header line has no title; every key figure needs a name.`,
          ),
        ),
      );
      return;
    }
    const key = normalizeHeader(name);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      // Which of two same-named columns holds the true figure is unknowable, so the second is not read.
      errors.push(cellError(header.line, name, text(`Die Spalte kommt doppelt vor (wie „${earlier}“).`, `The column appears twice (like "${earlier}").`)));
      return;
    }
    seen.set(key, name);
    const required = REQUIRED.find((r) => normalizeHeader(r.header) === key);
    columns.push({ index, header: name, field: required?.field ?? null });
  });
  for (const { header: name } of REQUIRED) {
    if (!seen.has(normalizeHeader(name))) {
      errors.push(cellError(header.line, name, text('Die Pflichtspalte fehlt in der Kopfzeile.', 'The required column is missing from the header line.')));
    }
  }
  return columns;
}

function readRow(record: RawRecord, columns: Column[], byField: Map<RequiredField, Column>, errors: StatisticsCsvError[]): StatisticsRow | null {
  const before = errors.length;
  const cell = (column: Column) => record.cells[column.index].trim();
  const report = (column: Column, message: { de: string; en: string }) => errors.push(cellError(record.line, column.header, message));

  let sozialraumId = '';
  const sozialraum = byField.get('sozialraum');
  if (sozialraum) {
    sozialraumId = cell(sozialraum);
    if (sozialraumId === '') report(sozialraum, missingValue());
  }

  let validFrom = '';
  const stichtag = byField.get('stichtag');
  if (stichtag) {
    const raw = cell(stichtag);
    if (raw === '') report(stichtag, missingValue());
    else {
      const date = parseDate(raw);
      if (typeof date === 'string') validFrom = date;
      else report(stichtag, date.message);
    }
  }

  const count = (field: RequiredField): number | null => {
    const column = byField.get(field);
    if (!column) return null;
    const raw = cell(column);
    if (raw === '') {
      report(column, missingValue());
      return null;
    }
    const parsed = parseGermanNumber(raw);
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
          `„${shown(raw)}“ ist keine ganze Zahl; Einwohner werden ganzzahlig gezählt.`,
          `"${shown(raw)}" is not a whole number; residents are counted in whole numbers.`,
        ),
      );
      return null;
    }
    const value = Number(parsed.integer);
    if (!Number.isSafeInteger(value)) {
      report(column, text(`„${shown(raw)}“ ist zu groß.`, `"${shown(raw)}" is too large.`));
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
    if (column.field) continue;
    const raw = cell(column);
    if (raw === '') continue;
    const parsed = parseGermanNumber(raw);
    if ('message' in parsed) report(column, parsed.message);
    else if (parsed.negative) report(column, negative(raw));
    else keyFigures.push({ name: column.header, value: parsed.fraction === '' ? parsed.integer : `${parsed.integer}.${parsed.fraction}` });
  }

  if (errors.length > before || residents === null || residentsUnder21 === null) return null;
  return { line: record.line, sozialraumId, validFrom, residents, residentsUnder21, keyFigures };
}

/**
 * German notation only: a decimal comma and optional '.' thousands separators in groups of three.
 * A '.' that is not a thousands separator ('12.4') is refused rather than guessed at, since '1.234'
 * is one thousand two hundred thirty-four in the same file.
 */
function parseGermanNumber(raw: string): { negative: boolean; integer: string; fraction: string } | { message: { de: string; en: string } } {
  const match = /^([-+]?)(\d+|\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/.exec(raw);
  if (!match) {
    if (/^[-+]?\d+\.\d+$/.test(raw)) {
      const suggestion = raw.replace('.', ',');
      return {
        message: text(
          `„${shown(raw)}“ ist keine Zahl in deutscher Schreibweise; das Dezimalzeichen ist das Komma („${suggestion}“), der Punkt trennt nur Tausender („1.234“).`,
          `"${shown(raw)}" is not a number in German notation; the decimal separator is the comma ("${suggestion}"), the point only separates thousands ("1.234").`,
        ),
      };
    }
    return { message: text(`„${shown(raw)}“ ist keine Zahl.`, `"${shown(raw)}" is not a number.`) };
  }
  const integer = match[2].replace(/\./g, '').replace(/^0+(?=\d)/, '');
  const fraction = match[3] ?? '';
  const negative = match[1] === '-' && /[1-9]/.test(integer + fraction);
  return { negative, integer, fraction };
}

/** TT.MM.JJJJ (also with one-digit day or month, as spreadsheets write it) or JJJJ-MM-TT. */
function parseDate(raw: string): string | { message: { de: string; en: string } } {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(raw);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const parts = german ? { day: german[1], month: german[2], year: german[3] } : iso ? { day: iso[3], month: iso[2], year: iso[1] } : null;
  if (!parts) {
    return {
      message: text(
        `„${shown(raw)}“ ist kein Datum; erwartet wird TT.MM.JJJJ (z. B. 01.03.2024) oder JJJJ-MM-TT.`,
        `"${shown(raw)}" is not a date; expected DD.MM.YYYY (e.g. 01.03.2024) or YYYY-MM-DD.`,
      ),
    };
  }
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { message: text(`Den Tag „${shown(raw)}“ gibt es im Kalender nicht.`, `"${shown(raw)}" is not a real calendar date.`) };
  }
  return `${parts.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
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

function malformedError(record: RawRecord, column: string | null): StatisticsCsvError {
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

function normalizeHeader(header: string): string {
  return header.trim().replace(/\s+/g, ' ').toLowerCase();
}

function missingValue() {
  return text('Der Wert fehlt.', 'The value is missing.');
}

function negative(raw: string) {
  return text(`„${shown(raw)}“ ist negativ; erlaubt sind nur Werte ab 0.`, `"${shown(raw)}" is negative; only values of 0 or more are allowed.`);
}

/** A cell quoted in a message is cut short so that a runaway cell does not swamp the message. */
function shown(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+$)/g, '.');
}

function germanDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}.${month}.${year}`;
}

function lineError(line: number, message: { de: string; en: string }): StatisticsCsvError {
  return { line, column: null, message: { de: `Zeile ${line}: ${message.de}`, en: `Line ${line}: ${message.en}` } };
}

function cellError(line: number, column: string, message: { de: string; en: string }): StatisticsCsvError {
  return {
    line,
    column,
    message: { de: `Zeile ${line}, Spalte „${column}“: ${message.de}`, en: `Line ${line}, column "${column}": ${message.en}` },
  };
}
