import { formatGermanDate, germanDate, germanDecimal, groupThousands, inFileOrder, lineError, readGermanCsv } from './german-csv';

const REQUIRED = [
  { key: 'name', header: 'Name' },
  { key: 'datum', header: 'Datum' },
] as const;

function located(errors: Array<{ line: number; column: string | null }>) {
  return errors.map((e) => ({ line: e.line, column: e.column }));
}

describe('readGermanCsv', () => {
  it('reads a header and records, mapping required columns by key and keeping further columns', () => {
    const csv = readGermanCsv('Name;Datum;Bemerkung\nA;01.01.2024;x\nB;02.01.2024;\n', REQUIRED);
    expect(csv.errors).toEqual([]);
    expect(csv.complete).toBe(true);
    expect(csv.columns).toEqual([
      { index: 0, header: 'Name', key: 'name' },
      { index: 1, header: 'Datum', key: 'datum' },
      { index: 2, header: 'Bemerkung', key: null },
    ]);
    expect(csv.byKey.get('datum')).toEqual({ index: 1, header: 'Datum', key: 'datum' });
    expect(csv.records).toEqual([
      { line: 2, cells: ['A', '01.01.2024', 'x'] },
      { line: 3, cells: ['B', '02.01.2024', ''] },
    ]);
  });

  it('accepts a BOM, CRLF line ends and a last line without a line end, and ignores empty trailing lines', () => {
    expect(readGermanCsv('\uFEFFName;Datum\r\nA;1\r\nB;2', REQUIRED).records).toEqual([
      { line: 2, cells: ['A', '1'] },
      { line: 3, cells: ['B', '2'] },
    ]);
    const trailing = readGermanCsv('Name;Datum\r\nA;1\r\n\r\n  \n', REQUIRED);
    expect(trailing.errors).toEqual([]);
    expect(trailing.records).toHaveLength(1);
  });

  it('matches headers after trimming, whatever the case and inner spacing, keeping the header as written', () => {
    const csv = readGermanCsv(' DATUM ;name\n1;A\n', REQUIRED);
    expect(csv.errors).toEqual([]);
    expect(csv.columns.map((c) => [c.header, c.key])).toEqual([
      ['DATUM', 'datum'],
      ['name', 'name'],
    ]);
    expect(readGermanCsv('Einwohner   unter 21\n1\n', [{ key: 'u', header: 'Einwohner unter 21' }]).complete).toBe(true);
  });

  it('reads quoted cells with separators, doubled quotes and line breaks, numbering records by the line they start on', () => {
    const csv = readGermanCsv('"Name";"Datum"\n"A; ""B""";"x\r\ny\nz"\nC;""\n', REQUIRED);
    expect(csv.errors).toEqual([]);
    expect(csv.records).toEqual([
      { line: 2, cells: ['A; "B"', 'x\r\ny\nz'] },
      { line: 5, cells: ['C', ''] },
    ]);
  });

  it('leaves cells untrimmed, so a quoted value keeps its spaces', () => {
    expect(readGermanCsv('Name;Datum\n" A ";1\n', REQUIRED).records[0].cells).toEqual([' A ', '1']);
  });

  describe('errors', () => {
    it('reports an empty file, naming the expected headers', () => {
      expect(readGermanCsv('\uFEFF\r\n\n', REQUIRED).errors).toEqual([
        {
          line: 1,
          column: null,
          message: {
            de: 'Zeile 1: Die Datei ist leer; erwartet wird eine Kopfzeile mit „Name“ und „Datum“.',
            en: 'Line 1: The file is empty; a header line with "Name" and "Datum" is expected.',
          },
        },
      ]);
    });

    it('reports a file with only the header line', () => {
      const csv = readGermanCsv('Name;Datum\n\n', REQUIRED);
      expect(csv.errors.map((e) => e.message.de)).toEqual(['Zeile 1: Die Datei enthält nur die Kopfzeile, aber keine Datenzeilen.']);
      expect(csv.complete).toBe(true);
    });

    it('reports a missing required column by its header, a duplicate header and an untitled one', () => {
      const csv = readGermanCsv('Name;;NAME\nA;1;2\n', REQUIRED);
      expect(located(csv.errors)).toEqual([
        { line: 1, column: null },
        { line: 1, column: 'NAME' },
        { line: 1, column: 'Datum' },
      ]);
      expect(csv.errors.map((e) => e.message.de)).toEqual([
        'Zeile 1: Spalte 2 der Kopfzeile hat keine Überschrift; jede Spalte braucht einen Namen.',
        'Zeile 1, Spalte „NAME“: Die Spalte kommt doppelt vor (wie „Name“).',
        'Zeile 1, Spalte „Datum“: Die Pflichtspalte fehlt in der Kopfzeile.',
      ]);
      expect(csv.complete).toBe(false);
      expect(csv.columns.map((c) => c.index)).toEqual([0]);
      // The record itself is sound; what it lacks is the caller's to judge.
      expect(csv.records).toEqual([{ line: 2, cells: ['A', '1', '2'] }]);
    });

    it('leaves out records with the wrong number of cells and blank lines between records', () => {
      const csv = readGermanCsv('Name;Datum\nA;1\nB;2;3\n\nC\nD;4\n', REQUIRED);
      expect(located(csv.errors)).toEqual([
        { line: 3, column: null },
        { line: 4, column: null },
        { line: 5, column: null },
      ]);
      expect(csv.errors[0].message).toEqual({
        de: 'Zeile 3: Die Zeile hat 3 Zellen, die Kopfzeile aber 2. Enthält ein Wert ein „;“, muss er in Anführungszeichen stehen.',
        en: 'Line 3: The line has 3 cells but the header line has 2. A value containing ";" must be enclosed in double quotes.',
      });
      expect(csv.errors[1].message.de).toBe('Zeile 4: Die Zeile ist leer.');
      expect(csv.records.map((r) => r.line)).toEqual([2, 6]);
    });

    it('reports text after a closing quote in the column it occurs in, and goes on with the next record', () => {
      const csv = readGermanCsv('Name;Datum\nA;"1"x\nB;2\n', REQUIRED);
      expect(csv.errors).toEqual([
        {
          line: 2,
          column: 'Datum',
          message: {
            de: 'Zeile 2, Spalte „Datum“: Nach dem schließenden Anführungszeichen folgt noch Text; ein „"“ innerhalb des Werts wird als „""“ geschrieben.',
            en: 'Line 2, column "Datum": Text follows the closing double quote; a double quote inside a value is written as "".',
          },
        },
      ]);
      expect(csv.records.map((r) => r.line)).toEqual([3]);
    });

    it('reports a quote never closed on the line where the record starts', () => {
      const csv = readGermanCsv('Name;Datum\nA;1\nB;"2\nC;3\n', REQUIRED);
      expect(located(csv.errors)).toEqual([{ line: 3, column: 'Datum' }]);
      expect(csv.errors[0].message.de).toContain('Ein Wert in Anführungszeichen wird nicht wieder geschlossen');
      expect(csv.records.map((r) => r.line)).toEqual([2]);
    });

    it('reports broken quoting beyond the header as a line error, and stops at broken quoting in the header', () => {
      expect(located(readGermanCsv('Name;Datum\nA;1;"x"y\n', REQUIRED).errors)).toEqual([{ line: 2, column: null }]);
      const header = readGermanCsv('Name;"Datum\nA;1\n', REQUIRED);
      expect(located(header.errors)).toEqual([{ line: 1, column: null }]);
      expect(header.records).toEqual([]);
    });
  });
});

describe('inFileOrder', () => {
  it('sorts by line and keeps the order of one line', () => {
    const errors = [lineError(3, { de: 'a', en: 'a' }), lineError(1, { de: 'b', en: 'b' }), lineError(3, { de: 'c', en: 'c' })];
    expect(inFileOrder(errors).map((e) => e.message.de)).toEqual(['Zeile 1: b', 'Zeile 3: a', 'Zeile 3: c']);
  });
});

describe('germanDecimal', () => {
  it.each([
    ['0', { negative: false, integer: '0', fraction: '', value: '0' }],
    ['12,40', { negative: false, integer: '12', fraction: '40', value: '12.40' }],
    ['1.234.567,891', { negative: false, integer: '1234567', fraction: '891', value: '1234567.891' }],
    ['007', { negative: false, integer: '7', fraction: '', value: '7' }],
    ['-1.300,5', { negative: true, integer: '1300', fraction: '5', value: '-1300.5' }],
    ['+5', { negative: false, integer: '5', fraction: '', value: '5' }],
    ['-0,00', { negative: false, integer: '0', fraction: '00', value: '0.00' }],
    ['12345678901234567890,12', { negative: false, integer: '12345678901234567890', fraction: '12', value: '12345678901234567890.12' }],
  ])('reads %s', (raw, expected) => {
    expect(germanDecimal(raw)).toEqual(expected);
  });

  it.each(['abc', '', '1..0', '1,2,3', ',5', '5,', '1 000', '--1', '1e3'])('refuses %p', (raw) => {
    expect(germanDecimal(raw)).toEqual({ suggestion: null, message: { de: `„${raw}“ ist keine Zahl.`, en: `"${raw}" is not a number.` } });
  });

  it.each([
    ['14.20', '14,20'],
    ['-1.2345', '-1,2345'],
  ])('refuses %p, which has a point but no thousands groups, and suggests %p', (raw, suggestion) => {
    expect(germanDecimal(raw)).toMatchObject({ suggestion });
  });

  it('refuses an English decimal point instead of guessing, and suggests the comma', () => {
    expect(germanDecimal('12.4')).toEqual({
      suggestion: '12,4',
      message: {
        de: '„12.4“ ist keine Zahl in deutscher Schreibweise; das Dezimalzeichen ist das Komma („12,4“), der Punkt trennt nur Tausender („1.234“).',
        en: '"12.4" is not a number in German notation; the decimal separator is the comma ("12,4"), the point only separates thousands ("1.234").',
      },
    });
  });

  it('cuts a long cell short in the message', () => {
    const result = germanDecimal('x'.repeat(50));
    expect('message' in result && result.message.de).toBe(`„${'x'.repeat(40)}…“ ist keine Zahl.`);
  });
});

describe('germanDate', () => {
  it.each([
    ['01.03.2024', '2024-03-01'],
    ['1.3.2024', '2024-03-01'],
    ['2024-02-29', '2024-02-29'],
    ['29.02.2000', '2000-02-29'],
    ['31.12.1999', '1999-12-31'],
  ])('reads %s', (raw, iso) => {
    expect(germanDate(raw)).toEqual({ iso });
  });

  it.each(['01/03/2024', '1.3.24', '2024-3-1', '01.03.2024 10:00', '', 'morgen'])('refuses the notation %p', (raw) => {
    expect(germanDate(raw)).toEqual({
      message: {
        de: `„${raw}“ ist kein Datum; erwartet wird TT.MM.JJJJ (z. B. 01.03.2024) oder JJJJ-MM-TT.`,
        en: `"${raw}" is not a date; expected DD.MM.YYYY (e.g. 01.03.2024) or YYYY-MM-DD.`,
      },
    });
  });

  it.each(['31.02.2024', '29.02.2023', '29.02.1900', '2024-13-01', '00.01.2024', '31.04.2024', '01.01.0000'])(
    'refuses %p, which is not in the calendar',
    (raw) => {
      expect(germanDate(raw)).toEqual({ message: { de: `Den Tag „${raw}“ gibt es im Kalender nicht.`, en: `"${raw}" is not a real calendar date.` } });
    },
  );
});

describe('formatting for messages', () => {
  it('writes dates and numbers the German way', () => {
    expect(formatGermanDate('2024-03-01')).toBe('01.03.2024');
    expect(groupThousands(1234567)).toBe('1.234.567');
    expect(groupThousands(999)).toBe('999');
  });
});
