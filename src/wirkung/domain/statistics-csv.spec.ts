import { StatisticsCsvError, parseStatisticsCsv } from './statistics-csv';

const HEADER = 'Sozialraum;Stichtag;Einwohner;Einwohner unter 21;SGB-II-Quote';

function csv(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

/** Line and column identify an error for the user; the messages are checked where their wording matters. */
function located(errors: StatisticsCsvError[]) {
  return errors.map((e) => ({ line: e.line, column: e.column }));
}

describe('parseStatisticsCsv', () => {
  it('reads two Sozialräume with two dates each, keeping key figures exact', () => {
    const result = parseStatisticsCsv(
      csv(
        HEADER,
        'SR-01;01.01.2024;14.200;3.100;12,4',
        'SR-01;01.07.2024;14.350;3.120;12,40',
        'SR-02;01.01.2024;8.000;2.000;7',
        'SR-02;01.07.2024;8.050;2.010;0,05',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        line: 2,
        sozialraumId: 'SR-01',
        validFrom: '2024-01-01',
        residents: 14200,
        residentsUnder21: 3100,
        keyFigures: [{ name: 'SGB-II-Quote', value: '12.4' }],
      },
      {
        line: 3,
        sozialraumId: 'SR-01',
        validFrom: '2024-07-01',
        residents: 14350,
        residentsUnder21: 3120,
        keyFigures: [{ name: 'SGB-II-Quote', value: '12.40' }],
      },
      { line: 4, sozialraumId: 'SR-02', validFrom: '2024-01-01', residents: 8000, residentsUnder21: 2000, keyFigures: [{ name: 'SGB-II-Quote', value: '7' }] },
      {
        line: 5,
        sozialraumId: 'SR-02',
        validFrom: '2024-07-01',
        residents: 8050,
        residentsUnder21: 2010,
        keyFigures: [{ name: 'SGB-II-Quote', value: '0.05' }],
      },
    ]);
  });

  it('accepts a BOM and CRLF line ends, and ignores empty trailing lines', () => {
    const result = parseStatisticsCsv('\uFEFF' + HEADER + '\r\nSR-01;01.01.2024;100;20;1,5\r\n\r\n\r\n');
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, sozialraumId: 'SR-01', validFrom: '2024-01-01', residents: 100, residentsUnder21: 20, keyFigures: [{ name: 'SGB-II-Quote', value: '1.5' }] },
    ]);
  });

  it('matches headers case-insensitively after trimming and keeps further columns in file order', () => {
    const result = parseStatisticsCsv(
      csv(' einwohner unter 21 ;STICHTAG;Sozialraum;Arbeitslosenquote;Einwohner;SGB-II-Quote', '20;2024-03-01;SR-01;5,1;100;12,4'),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({
      sozialraumId: 'SR-01',
      residents: 100,
      residentsUnder21: 20,
      keyFigures: [
        { name: 'Arbeitslosenquote', value: '5.1' },
        { name: 'SGB-II-Quote', value: '12.4' },
      ],
    });
  });

  it('reads quoted fields with separators, doubled quotes and line breaks, counting lines from the file', () => {
    const result = parseStatisticsCsv(
      csv(
        '"Sozialraum";"Stichtag";"Einwohner";"Einwohner unter 21";"Quote; bereinigt"',
        '"Nord; ""Altstadt""";"01.01.2024";"1.234";"234";"1.234,5"',
        '"Süd\nWest";01.01.2024;10;1;',
        'Ost;01.01.2024;10;1;2',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.sozialraumId, r.keyFigures])).toEqual([
      [2, 'Nord; "Altstadt"', [{ name: 'Quote; bereinigt', value: '1234.5' }]],
      [3, 'Süd\nWest', []],
      [5, 'Ost', [{ name: 'Quote; bereinigt', value: '2' }]],
    ]);
  });

  it('accepts ISO dates and German dates with one-digit day or month', () => {
    const result = parseStatisticsCsv(csv(HEADER, 'SR-01;2024-02-29;10;1;1', 'SR-01;1.3.2024;10;1;1'));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.validFrom)).toEqual(['2024-02-29', '2024-03-01']);
  });

  it('reads thousands separators and keeps the digits of a decimal exactly', () => {
    const result = parseStatisticsCsv(csv(HEADER, 'SR-01;01.01.2024;1.234.567;14.200;1.234,50'));
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({ residents: 1234567, residentsUnder21: 14200, keyFigures: [{ name: 'SGB-II-Quote', value: '1234.50' }] });
  });

  it('leaves an empty key-figure cell out', () => {
    const result = parseStatisticsCsv(csv('Sozialraum;Stichtag;Einwohner;Einwohner unter 21;A;B', 'SR-01;01.01.2024;10;1;;3,0'));
    expect(result.errors).toEqual([]);
    expect(result.rows[0].keyFigures).toEqual([{ name: 'B', value: '3.0' }]);
  });

  describe('errors', () => {
    it('names a missing required column by its header', () => {
      const result = parseStatisticsCsv(csv('Sozialraum;Stichtag;Einwohner;SGB-II-Quote', 'SR-01;01.01.2024;10;1'));
      expect(located(result.errors)).toEqual([{ line: 1, column: 'Einwohner unter 21' }]);
      expect(result.errors[0].message.de).toBe('Zeile 1, Spalte „Einwohner unter 21“: Die Pflichtspalte fehlt in der Kopfzeile.');
      expect(result.rows).toEqual([]);
    });

    it('reports a duplicate header with its text as in the file', () => {
      const result = parseStatisticsCsv(csv(HEADER + ';sgb-ii-quote', 'SR-01;01.01.2024;10;1;2;3'));
      expect(located(result.errors)).toEqual([{ line: 1, column: 'sgb-ii-quote' }]);
      expect(result.errors[0].message.de).toBe('Zeile 1, Spalte „sgb-ii-quote“: Die Spalte kommt doppelt vor (wie „SGB-II-Quote“).');
    });

    it('reports a column without a title', () => {
      const result = parseStatisticsCsv(csv(HEADER + ';', 'SR-01;01.01.2024;10;1;2;3'));
      expect(located(result.errors)).toEqual([{ line: 1, column: null }]);
    });

    it('reports a line with a different number of cells than the header', () => {
      const result = parseStatisticsCsv(csv(HEADER, 'SR-01;01.01.2024;10;1;2', 'SR-01;01.07.2024;10;1;2;3', 'SR-01;01.08.2024;10'));
      expect(located(result.errors)).toEqual([
        { line: 3, column: null },
        { line: 4, column: null },
      ]);
      expect(result.errors[0].message.de).toBe(
        'Zeile 3: Die Zeile hat 6 Zellen, die Kopfzeile aber 5. Enthält ein Wert ein „;“, muss er in Anführungszeichen stehen.',
      );
      expect(result.rows.map((r) => r.line)).toEqual([2]);
    });

    it('reports an empty line between data lines', () => {
      const result = parseStatisticsCsv(csv(HEADER, 'SR-01;01.01.2024;10;1;2', '', 'SR-01;01.07.2024;10;1;2'));
      expect(located(result.errors)).toEqual([{ line: 3, column: null }]);
    });

    it('reports a non-numeric cell in a count and in a key figure', () => {
      const result = parseStatisticsCsv(csv(HEADER, 'SR-01;01.01.2024;100;20;1', 'SR-01;01.02.2024;100;20;1', 'SR-01;01.03.2024;100;abc;viel'));
      expect(located(result.errors)).toEqual([
        { line: 4, column: 'Einwohner unter 21' },
        { line: 4, column: 'SGB-II-Quote' },
      ]);
      expect(result.errors[0].message).toEqual({
        de: 'Zeile 4, Spalte „Einwohner unter 21“: „abc“ ist keine Zahl.',
        en: 'Line 4, column "Einwohner unter 21": "abc" is not a number.',
      });
    });

    it('refuses an English decimal point instead of guessing, and points to the comma', () => {
      const result = parseStatisticsCsv(csv(HEADER, 'SR-01;01.01.2024;100;20;12.4'));
      expect(located(result.errors)).toEqual([{ line: 2, column: 'SGB-II-Quote' }]);
      expect(result.errors[0].message.de).toContain('das Dezimalzeichen ist das Komma („12,4“)');
    });

    it('refuses malformed thousands separators', () => {
      const result = parseStatisticsCsv(csv(HEADER, 'SR-01;01.01.2024;14.20;20;1', 'SR-02;01.01.2024;1.2345;20;1', 'SR-03;01.01.2024;100;20;1..0'));
      expect(located(result.errors)).toEqual([
        { line: 2, column: 'Einwohner' },
        { line: 3, column: 'Einwohner' },
        { line: 4, column: 'SGB-II-Quote' },
      ]);
    });

    it('reports a count that is not a whole number', () => {
      const result = parseStatisticsCsv(csv(HEADER, 'SR-01;01.01.2024;100,5;20;1'));
      expect(located(result.errors)).toEqual([{ line: 2, column: 'Einwohner' }]);
      expect(result.errors[0].message.de).toBe('Zeile 2, Spalte „Einwohner“: „100,5“ ist keine ganze Zahl; Einwohner werden ganzzahlig gezählt.');
    });

    it('reports negative numbers', () => {
      const result = parseStatisticsCsv(csv(HEADER, 'SR-01;01.01.2024;-100;20;1', 'SR-02;01.01.2024;100;20;-1,5'));
      expect(located(result.errors)).toEqual([
        { line: 2, column: 'Einwohner' },
        { line: 3, column: 'SGB-II-Quote' },
      ]);
      expect(result.errors[1].message.de).toBe('Zeile 3, Spalte „SGB-II-Quote“: „-1,5“ ist negativ; erlaubt sind nur Werte ab 0.');
    });

    it('reports more residents under 21 than residents', () => {
      const result = parseStatisticsCsv(csv(HEADER, 'SR-01;01.01.2024;3.000;3.500;1'));
      expect(located(result.errors)).toEqual([{ line: 2, column: 'Einwohner unter 21' }]);
      expect(result.errors[0].message.de).toBe('Zeile 2, Spalte „Einwohner unter 21“: 3.500 Einwohner unter 21 sind mehr als 3.000 Einwohner insgesamt.');
    });

    it('reports dates that are malformed or not in the calendar', () => {
      const result = parseStatisticsCsv(
        csv(
          HEADER,
          'SR-01;31.02.2024;10;1;1',
          'SR-02;29.02.2023;10;1;1',
          'SR-03;2024-13-01;10;1;1',
          'SR-04;01/03/2024;10;1;1',
          'SR-05;1.3.24;10;1;1',
          'SR-06;29.02.2000;10;1;1',
        ),
      );
      expect(located(result.errors)).toEqual([
        { line: 2, column: 'Stichtag' },
        { line: 3, column: 'Stichtag' },
        { line: 4, column: 'Stichtag' },
        { line: 5, column: 'Stichtag' },
        { line: 6, column: 'Stichtag' },
      ]);
      expect(result.errors[0].message.de).toBe('Zeile 2, Spalte „Stichtag“: Den Tag „31.02.2024“ gibt es im Kalender nicht.');
      expect(result.errors[3].message.de).toBe(
        'Zeile 5, Spalte „Stichtag“: „01/03/2024“ ist kein Datum; erwartet wird TT.MM.JJJJ (z. B. 01.03.2024) oder JJJJ-MM-TT.',
      );
      expect(result.rows.map((r) => r.line)).toEqual([7]);
    });

    it('reports a repeated Sozialraum and Stichtag on the second occurrence, also across date notations', () => {
      const result = parseStatisticsCsv(csv(HEADER, 'SR-01;01.01.2024;10;1;1', 'SR-02;01.01.2024;10;1;1', 'SR-01;2024-01-01;12;1;1'));
      expect(located(result.errors)).toEqual([{ line: 4, column: 'Stichtag' }]);
      expect(result.errors[0].message.de).toBe('Zeile 4, Spalte „Stichtag“: Sozialraum „SR-01“ mit Stichtag 01.01.2024 steht bereits in Zeile 2.');
      expect(result.rows.map((r) => r.line)).toEqual([2, 3]);
    });

    it('reports empty required cells, among them an empty Sozialraum', () => {
      const result = parseStatisticsCsv(csv(HEADER, ' ;01.01.2024;10;1;1', 'SR-01;;;;1'));
      expect(located(result.errors)).toEqual([
        { line: 2, column: 'Sozialraum' },
        { line: 3, column: 'Stichtag' },
        { line: 3, column: 'Einwohner' },
        { line: 3, column: 'Einwohner unter 21' },
      ]);
      expect(result.errors[0].message.de).toBe('Zeile 2, Spalte „Sozialraum“: Der Wert fehlt.');
    });

    it('reports a file with a header but no data lines', () => {
      const result = parseStatisticsCsv(HEADER + '\r\n\r\n');
      expect(result.errors).toEqual([
        {
          line: 1,
          column: null,
          message: {
            de: 'Zeile 1: Die Datei enthält nur die Kopfzeile, aber keine Datenzeilen.',
            en: 'Line 1: The file contains only the header line and no data lines.',
          },
        },
      ]);
    });

    it('reports an empty file', () => {
      expect(located(parseStatisticsCsv('\uFEFF\n\n').errors)).toEqual([{ line: 1, column: null }]);
    });

    it('reports broken quoting on the line where the record starts', () => {
      const result = parseStatisticsCsv(csv(HEADER, 'SR-01;01.01.2024;10;1;"1,5"x', 'SR-02;01.01.2024;10;1;"1,5'));
      expect(located(result.errors)).toEqual([
        { line: 2, column: 'SGB-II-Quote' },
        { line: 3, column: 'SGB-II-Quote' },
      ]);
    });

    it('collects every problem of a file instead of stopping at the first', () => {
      const result = parseStatisticsCsv(
        csv(
          'Sozialraum;Stichtag;Einwohner;SGB-II-Quote;SGB-II-Quote',
          'SR-01;01.01.2024;abc;1;1',
          'SR-01;32.01.2024;-5;x;1',
          ';01.01.2024;10;1;1',
          'SR-02;01.01.2024;10',
        ),
      );
      expect(located(result.errors)).toEqual([
        { line: 1, column: 'SGB-II-Quote' },
        { line: 1, column: 'Einwohner unter 21' },
        { line: 2, column: 'Einwohner' },
        { line: 3, column: 'Stichtag' },
        { line: 3, column: 'Einwohner' },
        { line: 3, column: 'SGB-II-Quote' },
        { line: 4, column: 'Sozialraum' },
        { line: 5, column: null },
      ]);
    });
  });
});
