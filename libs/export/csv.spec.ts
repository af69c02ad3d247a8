import { renderCsv } from './csv';
import { Table } from './table';

const table: Table = {
  columns: [
    { header: 'Sozialraum', kind: 'text' },
    { header: 'Haushaltsjahr', kind: 'integer' },
    { header: 'Monat', kind: 'month' },
    { header: 'Ist', kind: 'amount' },
    { header: '% von B', kind: 'percent' },
  ],
  rows: [
    ['HRO-TW', '2025', '2025-03', '-577.50', '81.08'],
    ['HRO-TW', '2025', 'Gesamt', '', ''],
  ],
};

describe('renderCsv', () => {
  it('writes UTF-8 with BOM and CRLF, semicolons and the decimal comma for Excel', () => {
    expect(renderCsv(table, { decimalComma: true })).toBe(
      '\uFEFFSozialraum;Haushaltsjahr;Monat;Ist;% von B\r\nHRO-TW;2025;2025-03;-577,50;81,08\r\nHRO-TW;2025;Gesamt;;\r\n',
    );
  });

  it('writes the decimal point with commas when asked', () => {
    expect(renderCsv(table, { decimalComma: false }).split('\r\n')[1]).toBe('HRO-TW,2025,2025-03,-577.50,81.08');
  });

  it('neutralises text Excel would evaluate as a formula, never a negative amount', () => {
    const formulas: Table = {
      columns: [
        { header: 'Text', kind: 'text' },
        { header: 'Betrag', kind: 'amount' },
      ],
      rows: [
        ['=HYPERLINK("x")', '-1.00'],
        ['+1', '0.00'],
        ['@SUM(A1)', '2.00'],
        ['-Storno', '3.00'],
      ],
    };
    expect(renderCsv(formulas, { decimalComma: true }).split('\r\n').slice(1, 5)).toEqual([
      `"'=HYPERLINK(""x"")";-1,00`,
      `'+1;0,00`,
      `'@SUM(A1);2,00`,
      `'-Storno;3,00`,
    ]);
  });

  it('quotes cells holding the separator, quotes or line breaks', () => {
    const quoted: Table = { columns: [{ header: 'Ursache', kind: 'text' }], rows: [['Bewilligung TW-25-001 (Tagesgruppe; Ende)'], ['zwei\nZeilen']] };
    expect(renderCsv(quoted, { decimalComma: true }).split('\r\n').slice(1, 3)).toEqual(['"Bewilligung TW-25-001 (Tagesgruppe; Ende)"', '"zwei\nZeilen"']);
    expect(renderCsv(quoted, { decimalComma: false }).split('\r\n')[1]).toBe('Bewilligung TW-25-001 (Tagesgruppe; Ende)');
  });

  it('refuses a row that does not fit the columns', () => {
    expect(() => renderCsv({ columns: table.columns, rows: [['HRO-TW']] }, { decimalComma: true })).toThrow('row 1 has 1 cells for 5 columns');
  });
});
