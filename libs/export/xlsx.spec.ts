import { Workbook } from 'exceljs';
import { renderXlsx, XLSX_FORMATS } from './xlsx';
import { Table } from './table';

const table: Table = {
  columns: [
    { header: 'Sozialraum', kind: 'text', width: 14 },
    { header: 'Haushaltsjahr', kind: 'integer' },
    { header: 'Geschäftsdatum', kind: 'date' },
    { header: 'Monat', kind: 'month' },
    { header: 'Ist', kind: 'amount' },
    { header: '% von B', kind: 'percent' },
  ],
  rows: [
    ['HRO-TW', '2025', '2025-12-31', '2025-03', '1234.50', '81.08'],
    ['=HRO', '2025', '', 'Gesamt', '-0.10', '105.00'],
  ],
};

async function open(buffer: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  return workbook;
}

describe('renderXlsx', () => {
  const createdAt = new Date('2025-08-20T16:00:05.000Z');
  let workbook: Workbook;
  beforeAll(async () => {
    workbook = await open(
      await renderXlsx({
        sheetName: 'Auslastung',
        table,
        parameters: [
          { label: 'Sozialraum', value: 'HRO-TW' },
          { label: 'Stand am', value: '2025-06-30', kind: 'date' },
          { label: 'Wissensstand', value: '2025-01-15T09:30:00.000Z', kind: 'timestamp' },
        ],
        createdAt,
      }),
    );
  });

  it('writes a bold, frozen header row with the German headers and the declared widths', () => {
    const sheet = workbook.getWorksheet('Auslastung')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Sozialraum', 'Haushaltsjahr', 'Geschäftsdatum', 'Monat', 'Ist', '% von B']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBe(14);
    // Without a width: the header's length, at least what the kind needs.
    expect(sheet.getColumn(3).width).toBe('Geschäftsdatum'.length + 2);
    expect(sheet.getColumn(4).width).toBe(10);
    expect(sheet.getColumn(5).width).toBe(16);
  });

  it('types every cell by its column: amounts and percentages as numbers, dates and months as dates', () => {
    const row = workbook.getWorksheet('Auslastung')!.getRow(2);
    expect(row.getCell(1).value).toBe('HRO-TW');
    expect(row.getCell(2)).toMatchObject({ value: 2025, numFmt: XLSX_FORMATS.integer });
    expect(row.getCell(3)).toMatchObject({ value: new Date('2025-12-31T00:00:00.000Z'), numFmt: 'dd.mm.yyyy' });
    expect(row.getCell(4)).toMatchObject({ value: new Date('2025-03-01T00:00:00.000Z'), numFmt: 'mm.yyyy' });
    expect(row.getCell(5)).toMatchObject({ value: 1234.5, numFmt: '#,##0.00 "€"' });
    expect(row.getCell(6)).toMatchObject({ value: 81.08, numFmt: '0.00 "%"' });
  });

  it('keeps text as text (never a formula), a sum row label in a month column as text, empty cells empty', () => {
    const row = workbook.getWorksheet('Auslastung')!.getRow(3);
    expect(row.getCell(1).value).toBe('=HRO');
    expect(row.getCell(1).formula).toBeUndefined();
    expect(row.getCell(3).value).toBeNull();
    expect(row.getCell(4).value).toBe('Gesamt');
    expect(row.getCell(5).value).toBe(-0.1);
    expect(row.getCell(6).value).toBe(105);
  });

  it('lists the parameters on the sheet "Parameter", dates as dates, instants in Europe/Berlin, and when it was made', () => {
    const sheet = workbook.getWorksheet('Parameter')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Parameter', 'Wert']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    const lines = [2, 3, 4, 5].map((n) => [sheet.getRow(n).getCell(1).value, sheet.getRow(n).getCell(2).value, sheet.getRow(n).getCell(2).numFmt]);
    expect(lines).toEqual([
      ['Sozialraum', 'HRO-TW', undefined],
      ['Stand am', new Date('2025-06-30T00:00:00.000Z'), 'dd.mm.yyyy'],
      // 09:30 UTC in January is 10:30 in Berlin (CET).
      ['Wissensstand', new Date('2025-01-15T10:30:00.000Z'), 'dd.mm.yyyy hh:mm:ss'],
      // 16:00:05 UTC in August is 18:00:05 in Berlin (CEST).
      ['Erstellt am', new Date('2025-08-20T18:00:05.000Z'), 'dd.mm.yyyy hh:mm:ss'],
    ]);
  });

  it('gives a column of width 9 a width of its own (exceljs would write none for its default)', async () => {
    const narrow: Table = { columns: [{ header: 'Monat', kind: 'month', width: 9 }], rows: [] };
    const book = await open(await renderXlsx({ sheetName: 'X', table: narrow, parameters: [], createdAt }));
    expect(book.getWorksheet('X')!.getColumn(1).width).toBe(9.1);
  });

  it('refuses an amount that is not a two-decimal decimal string', async () => {
    const wrong: Table = { columns: [{ header: 'Ist', kind: 'amount' }], rows: [['1234.5']] };
    await expect(renderXlsx({ sheetName: 'X', table: wrong, parameters: [], createdAt })).rejects.toThrow('not an amount of two decimal places');
  });
});
