import { CsvCellError } from '../../../libs/csv';
import { parseFeedbackCsv } from './feedback-csv';

const HEADER = 'Anordnungsnummer;Bezahlt am;Belegnummer;Betrag';

function csv(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

function located(errors: CsvCellError[]) {
  return errors.map((e) => ({ line: e.line, column: e.column }));
}

describe('parseFeedbackCsv', () => {
  it('reads payments, normalising amounts to two decimals and dates to ISO', () => {
    const result = parseFeedbackCsv(
      csv(
        HEADER,
        'AO-2025-000001;10.02.2025;FV-2025-88121;1.300,00',
        'AO-2025-000002;1.3.2025;FV-2025-88122;1.300',
        'AO-2025-000003;2025-03-02;FV-2025-88123;-55,5',
        'AO-2025-000004;02.03.2025;FV-2025-88124;0,07',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, anordnungsnummer: 'AO-2025-000001', paidOn: '2025-02-10', documentNumber: 'FV-2025-88121', amount: '1300.00' },
      { line: 3, anordnungsnummer: 'AO-2025-000002', paidOn: '2025-03-01', documentNumber: 'FV-2025-88122', amount: '1300.00' },
      { line: 4, anordnungsnummer: 'AO-2025-000003', paidOn: '2025-03-02', documentNumber: 'FV-2025-88123', amount: '-55.50' },
      { line: 5, anordnungsnummer: 'AO-2025-000004', paidOn: '2025-03-02', documentNumber: 'FV-2025-88124', amount: '0.07' },
    ]);
  });

  it('accepts a BOM, CRLF, trailing empty lines, headers in any order and case, and ignores further columns', () => {
    const result = parseFeedbackCsv(
      '\uFEFFbetrag;Kassenzeichen; BELEGNUMMER ;bezahlt   am;Anordnungsnummer\r\n 1.234.567,8 ;K-1;FV-1;28.02.2025; AO-2025-000017 \r\n\r\n',
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ line: 2, anordnungsnummer: 'AO-2025-000017', paidOn: '2025-02-28', documentNumber: 'FV-1', amount: '1234567.80' }]);
  });

  it('reads quoted cells, also one with a separator, a doubled quote and a line break', () => {
    const result = parseFeedbackCsv(
      csv(
        '"Anordnungsnummer";"Bezahlt am";"Belegnummer";"Betrag";"Verwendungszweck"',
        '"AO-2025-000001";"10.02.2025";"FV;""1""";"1.300,00";"Miete\nFebruar"',
        'AO-2025-000002;10.02.2025;FV-2;5;',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.documentNumber, r.amount])).toEqual([
      [2, 'FV;"1"', '1300.00'],
      [4, 'FV-2', '5.00'],
    ]);
  });

  it('returns a payment reported twice as two rows, for the reconciliation to judge', () => {
    const line = 'AO-2025-000001;10.02.2025;FV-2025-88121;1.300,00';
    const result = parseFeedbackCsv(csv(HEADER, line, line));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  describe('errors', () => {
    it('reports an amount that is no number, in the German message style', () => {
      const result = parseFeedbackCsv(csv(HEADER, 'AO-2025-000001;10.02.2025;FV-1;1,00', 'AO-2025-000002;10.02.2025;FV-2;abc'));
      expect(result.errors).toEqual([
        {
          line: 3,
          column: 'Betrag',
          message: { de: 'Zeile 3, Spalte „Betrag“: „abc“ ist kein Betrag.', en: 'Line 3, column "Betrag": "abc" is not an amount.' },
        },
      ]);
      expect(result.rows.map((r) => r.line)).toEqual([2]);
    });

    it('refuses an English decimal point, amounts finer than the cent, malformed thousands and amounts too large', () => {
      const result = parseFeedbackCsv(
        csv(
          HEADER,
          'AO-2025-000001;10.02.2025;FV-1;1300.50',
          'AO-2025-000002;10.02.2025;FV-2;1,005',
          'AO-2025-000003;10.02.2025;FV-3;1.30',
          'AO-2025-000004;10.02.2025;FV-4;1.000.000.000',
        ),
      );
      expect(located(result.errors)).toEqual([
        { line: 2, column: 'Betrag' },
        { line: 3, column: 'Betrag' },
        { line: 4, column: 'Betrag' },
        { line: 5, column: 'Betrag' },
      ]);
      expect(result.errors.map((e) => e.message.de)).toEqual([
        'Zeile 2, Spalte „Betrag“: „1300.50“ ist kein Betrag in deutscher Schreibweise; das Dezimalzeichen ist das Komma („1300,50“), der Punkt trennt nur Tausender („1.300“).',
        'Zeile 3, Spalte „Betrag“: „1,005“ hat mehr als zwei Nachkommastellen; ein Betrag wird auf den Cent genau angegeben.',
        'Zeile 4, Spalte „Betrag“: „1.30“ ist kein Betrag in deutscher Schreibweise; das Dezimalzeichen ist das Komma („1,30“), der Punkt trennt nur Tausender („1.300“).',
        'Zeile 5, Spalte „Betrag“: „1.000.000.000“ ist zu groß.',
      ]);
      expect(result.rows).toEqual([]);
    });

    it('reports a malformed Anordnungsnummer', () => {
      const result = parseFeedbackCsv(
        csv(
          HEADER,
          'AO-2025-17;10.02.2025;FV-1;1',
          'ao-2025-000017;10.02.2025;FV-1;1',
          'AO-2025-000017x;10.02.2025;FV-1;1',
          'AO-2025-000018;10.02.2025;FV-1;1',
        ),
      );
      expect(located(result.errors)).toEqual([
        { line: 2, column: 'Anordnungsnummer' },
        { line: 3, column: 'Anordnungsnummer' },
        { line: 4, column: 'Anordnungsnummer' },
      ]);
      expect(result.errors[0].message.de).toBe(
        'Zeile 2, Spalte „Anordnungsnummer“: „AO-2025-17“ ist keine Anordnungsnummer; erwartet wird AO-JJJJ-NNNNNN (z. B. AO-2025-000017).',
      );
      expect(result.rows.map((r) => r.line)).toEqual([5]);
    });

    it('reports dates that are malformed or not in the calendar', () => {
      const result = parseFeedbackCsv(csv(HEADER, 'AO-2025-000001;29.02.2025;FV-1;1', 'AO-2025-000002;10/02/2025;FV-2;1'));
      expect(result.errors.map((e) => e.message.de)).toEqual([
        'Zeile 2, Spalte „Bezahlt am“: Den Tag „29.02.2025“ gibt es im Kalender nicht.',
        'Zeile 3, Spalte „Bezahlt am“: „10/02/2025“ ist kein Datum; erwartet wird TT.MM.JJJJ (z. B. 01.03.2024) oder JJJJ-MM-TT.',
      ]);
    });

    it('reports a Belegnummer longer than 40 characters, and accepts one of exactly 40', () => {
      const result = parseFeedbackCsv(csv(HEADER, `AO-2025-000001;10.02.2025;${'B'.repeat(41)};1`, `AO-2025-000002;10.02.2025;${'ß'.repeat(40)};1`));
      expect(result.errors.map((e) => e.message.de)).toEqual([
        `Zeile 2, Spalte „Belegnummer“: Die Belegnummer „${'B'.repeat(40)}…“ ist 41 Zeichen lang; erlaubt sind höchstens 40.`,
      ]);
      expect(result.rows.map((r) => r.line)).toEqual([3]);
    });

    it('reports empty cells in every column', () => {
      const result = parseFeedbackCsv(csv(HEADER, ' ; ;"";'));
      expect(located(result.errors)).toEqual([
        { line: 2, column: 'Anordnungsnummer' },
        { line: 2, column: 'Bezahlt am' },
        { line: 2, column: 'Belegnummer' },
        { line: 2, column: 'Betrag' },
      ]);
      expect(result.errors.every((e) => e.message.de.endsWith(': Der Wert fehlt.'))).toBe(true);
    });

    it('reports missing, duplicate and untitled header columns, and reads no rows without a required column', () => {
      const result = parseFeedbackCsv(csv('Anordnungsnummer;Bezahlt am;Betrag;;betrag', 'AO-2025-000001;10.02.2025;1;x;2'));
      expect(located(result.errors)).toEqual([
        { line: 1, column: null },
        { line: 1, column: 'betrag' },
        { line: 1, column: 'Belegnummer' },
      ]);
      expect(result.errors[2].message.de).toBe('Zeile 1, Spalte „Belegnummer“: Die Pflichtspalte fehlt in der Kopfzeile.');
      expect(result.rows).toEqual([]);
    });

    it('reports an empty file and a file with only the header', () => {
      expect(parseFeedbackCsv('\uFEFF\r\n').errors.map((e) => e.message.de)).toEqual([
        'Zeile 1: Die Datei ist leer; erwartet wird eine Kopfzeile mit „Anordnungsnummer“, „Bezahlt am“, „Belegnummer“ und „Betrag“.',
      ]);
      expect(parseFeedbackCsv(HEADER + '\r\n').errors.map((e) => e.message.de)).toEqual([
        'Zeile 1: Die Datei enthält nur die Kopfzeile, aber keine Datenzeilen.',
      ]);
    });

    it('reports a line with the wrong number of cells, an empty line and broken quoting, and reads the lines around them', () => {
      const result = parseFeedbackCsv(
        csv(
          HEADER,
          'AO-2025-000001;10.02.2025;FV-1;1.300,00;x',
          '',
          'AO-2025-000002;10.02.2025;"FV-2"x;1',
          'AO-2025-000003;10.02.2025;FV-3;2',
          'AO-2025-000004;10.02.2025;FV-4;"3',
        ),
      );
      expect(located(result.errors)).toEqual([
        { line: 2, column: null },
        { line: 3, column: null },
        { line: 4, column: 'Belegnummer' },
        { line: 6, column: 'Betrag' },
      ]);
      expect(result.rows.map((r) => r.line)).toEqual([5]);
    });

    it('collects every problem of a file, several in one line, in file order', () => {
      const result = parseFeedbackCsv(
        csv(
          HEADER + ';Betrag',
          'AO-1;31.02.2025;FV-1;abc;1',
          'AO-2025-000002;10.02.2025;FV-2;1',
          'AO-2025-000003;10.02.2025;;1,234;2',
          'AO-2025-000004;10.02.2025;FV-4;1;"2',
        ),
      );
      expect(located(result.errors)).toEqual([
        { line: 1, column: 'Betrag' },
        { line: 2, column: 'Anordnungsnummer' },
        { line: 2, column: 'Bezahlt am' },
        { line: 2, column: 'Betrag' },
        { line: 3, column: null },
        { line: 4, column: 'Belegnummer' },
        { line: 4, column: 'Betrag' },
        { line: 5, column: 'Betrag' },
      ]);
      expect(result.rows).toEqual([]);
    });
  });
});
