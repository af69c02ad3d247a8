import { Cell, Workbook, Worksheet } from 'exceljs';
import { berlinWallClock } from '../../../libs/export';
import { Decimal } from '../../../libs/money';
import { createTestApp, TestApp } from '../../support/test-app';
import { registerExampleMasterData, invoiceAndPay } from '../cases/case-setup';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget } from '../flexible/flexible-setup';

/**
 * The downloads of the steering views against the JSON views they come from, on a real year of
 * Toitenwinkel: each XLSX opened as Excel would, every amount a number equal to the view's decimal
 * string in the euro format, dates as dates, the header frozen, widths set, and the sheet
 * "Parameter" naming the view; the CSV files of the new exports with the same figures.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EURO = '#,##0.00 "€"';
const CATEGORY = { FS: 'fallspezifisch', FUE: 'fallübergreifend', FU: 'fallunspezifisch' } as Record<string, string>;

/** supertest's parser for a binary body: the bytes as they came. */
function binaryParser(res: any, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** A CSV line split into its cells, quotes undone (the Ursache may hold the separator). */
function csvCells(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') quoted = !quoted;
    else if (char === separator && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  return [...cells, cell];
}

const utcDate = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const utcMonth = (month: string) => new Date(`${month}-01T00:00:00.000Z`);

/** What a cell must hold for a value of the JSON view. */
type Expected = string | number | null | { amount: string } | { date: string } | { month: string } | { percent: string };
const amount = (value: string | null | undefined): Expected => (value === null || value === undefined ? null : { amount: value });

function cellMismatch(cell: Cell, expected: Expected, where: string): string[] {
  const value = cell.value;
  if (expected === null) return value === null || value === undefined ? [] : [`${where}: expected empty, got ${String(value)}`];
  if (typeof expected === 'string' || typeof expected === 'number') return value === expected ? [] : [`${where}: expected ${expected}, got ${String(value)}`];
  if ('amount' in expected) {
    // Exact from the decimal string: the double of the cell prints back as the view's string.
    const ok = typeof value === 'number' && value === Number(expected.amount) && value.toFixed(2) === expected.amount && cell.numFmt === EURO;
    return ok ? [] : [`${where}: expected ${expected.amount} €, got ${String(value)} (${cell.numFmt})`];
  }
  if ('percent' in expected) {
    const ok = typeof value === 'number' && value === Number(expected.percent) && cell.numFmt === '0.00 "%"';
    return ok ? [] : [`${where}: expected ${expected.percent} %, got ${String(value)} (${cell.numFmt})`];
  }
  const [date, format] = 'date' in expected ? [utcDate(expected.date), 'dd.mm.yyyy'] : [utcMonth(expected.month), 'mm.yyyy'];
  const ok = value instanceof Date && value.getTime() === date.getTime() && cell.numFmt === format;
  return ok ? [] : [`${where}: expected the date ${date.toISOString()} (${format}), got ${String(value)} (${cell.numFmt})`];
}

/** Every data row of the sheet against the rows expected from the JSON view; [] when all match. */
function sheetMismatches(sheet: Worksheet, rows: Expected[][]): string[] {
  const wrong: string[] = [];
  if (sheet.rowCount !== rows.length + 1) wrong.push(`${sheet.rowCount - 1} data rows, expected ${rows.length}`);
  rows.forEach((expected, r) => expected.forEach((e, c) => wrong.push(...cellMismatch(sheet.getRow(r + 2).getCell(c + 1), e, `row ${r + 2} column ${c + 1}`))));
  return wrong;
}

function headers(sheet: Worksheet): unknown[] {
  return (sheet.getRow(1).values as unknown[]).slice(1);
}

/** The layout every data sheet has: bold, frozen header row, every column with a width. */
function expectLayout(sheet: Worksheet, expectedHeaders: string[]): void {
  expect(headers(sheet)).toEqual(expectedHeaders);
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
  for (let c = 1; c <= expectedHeaders.length; c++) expect(sheet.getColumn(c).width).toBeGreaterThanOrEqual(8);
}

/** The sheet "Parameter" as label → value. */
function parameters(workbook: Workbook): Map<string, unknown> {
  const sheet = workbook.getWorksheet('Parameter')!;
  expect(headers(sheet)).toEqual(['Parameter', 'Wert']);
  const found = new Map<string, unknown>();
  for (let r = 2; r <= sheet.rowCount; r++) found.set(String(sheet.getRow(r).getCell(1).value), sheet.getRow(r).getCell(2).value);
  return found;
}

describe('spreadsheet exports of the steering views', () => {
  let t: TestApp;
  let knownAt = '';
  const controller = () => as(t, 'controller');

  async function download(path: string, options: { role?: 'controller' | 'auditor' | 'wiju' | 'provider'; provider?: string } = {}) {
    const role = options.role ?? 'controller';
    const token = await t.token({ role, provider: role === 'provider' ? (options.provider ?? 'TR-E') : undefined, sub: `${role}-exports` });
    return t.http().get(path).set('authorization', `Bearer ${token}`).buffer(true).parse(binaryParser);
  }

  async function workbookOf(path: string, filename: string, options?: Parameters<typeof download>[1]): Promise<Workbook> {
    const res = await download(path, options);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${String(res.body)}`);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${filename}"`);
    const workbook = new Workbook();
    await workbook.xlsx.load(res.body);
    return workbook;
  }

  async function csvOf(path: string, filename: string): Promise<string[][]> {
    const res = await download(path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${String(res.body)}`);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/i);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${filename}"`);
    const bytes: Buffer = res.body;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const separator = path.includes('decimalComma=false') ? ',' : ';';
    return bytes
      .subarray(3)
      .toString('utf8')
      .split('\r\n')
      .filter((line) => line !== '')
      .map((line) => csvCells(line, separator));
  }

  beforeAll(async () => {
    t = await createTestApp();
    await registerExampleMasterData(t);
    await openBudget(t, 'HRO-TW', 2025, { FS: '130000.00', FUE: '30000.00', FU: '40000.00' });
    const caseworker = as(t, 'caseworker');
    // T1: 20 hours a month at 65.00 (TR-E), invoiced and paid for January to March.
    await expectStatus(caseworker.post('/cases', { caseRef: 'TW-25-001', sozialraumId: 'HRO-TW' }), 201);
    const t1 = await expectStatus(
      caseworker.post('/cases/TW-25-001/approvals', {
        legalBasis: '31',
        providerId: 'TR-E',
        start: '2025-01-01',
        end: '2025-12-31',
        hoursPerMonth: '20',
        bescheidDate: '2024-12-15',
      }),
      201,
    );
    const approvalId = t1.body.approvals[0].approvalId;
    for (const month of ['2025-01', '2025-02', '2025-03']) {
      const next = `2025-0${Number(month.slice(5)) + 1}`;
      await invoiceAndPay(t, 'TW-25-001', approvalId, 'TR-E', month, '20', { submitted: `${next}-03`, verified: `${next}-05` });
    }
    await t.settle();
    // The Wissensstand before the large approval: the files show it as the JSON views do.
    await new Promise((resolve) => setTimeout(resolve, 20));
    knownAt = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // T2: an intensive placement that carries the forecast over 100, 105 and 110 % of B at once.
    await expectStatus(caseworker.post('/cases', { caseRef: 'TW-25-002', sozialraumId: 'HRO-TW' }), 201);
    await expectStatus(
      caseworker.post('/cases/TW-25-002/approvals', {
        legalBasis: '35',
        providerId: 'TR-E',
        start: '2025-01-01',
        end: '2025-12-31',
        bescheidDate: '2025-05-12',
        rateType: 'monthly',
        rate: '25000.00',
        rateReason: 'Intensivbetreuung, Einzelvereinbarung',
      }),
      201,
    );
    await t.settle();
    await expectStatus(controller().post('/steering/HRO-TW/2025/year-close', { reason: 'Jahresabschluss 2025', businessDate: '2026-01-20' }), 200);
    await expectStatus(controller().post('/steering/HRO-TW/2025/settlement', { businessDate: '2026-01-21' }), 201);
    await expectStatus(controller().post('/steering/HRO-TW/2025/settlement/confirmations', { businessDate: '2026-01-22' }), 200);
    await t.settle();
  }, 120_000);
  afterAll(async () => t?.close());

  it('exports the utilisation as XLSX: every figure of the JSON view through the same asOf and knownAt, and the view on "Parameter"', async () => {
    const query = `asOf=2025-06-30&knownAt=${encodeURIComponent(knownAt)}`;
    const json = (await expectStatus(controller().get(`/steering/HRO-TW/2025/utilisation?${query}`), 200)).body;
    expect(json.source).toBe('event-log');
    const workbook = await workbookOf(`/steering/HRO-TW/2025/utilisation/xlsx?${query}`, 'auslastung-HRO-TW-2025.xlsx');
    const sheet = workbook.getWorksheet('Auslastung')!;
    expectLayout(sheet, ['Sozialraum', 'Haushaltsjahr', 'Kategorie', 'Monat', 'Ansatz', 'Offene Bindungen', 'Ist', 'Hochrechnung', 'Verfügbar']);
    const rows: Expected[][] = [];
    for (const c of json.categories) {
      for (const m of c.months)
        rows.push(['HRO-TW', 2025, CATEGORY[c.category], { month: m.month }, null, amount(m.committed), amount(m.actual), amount(m.forecast), null]);
      rows.push([
        'HRO-TW',
        2025,
        CATEGORY[c.category],
        'Gesamt',
        amount(c.planned),
        amount(c.committed),
        amount(c.actual),
        amount(c.forecast),
        amount(c.available),
      ]);
    }
    rows.push([
      'HRO-TW',
      2025,
      'Sozialraumbudget',
      'Gesamt',
      amount(json.planned),
      amount(json.committed),
      amount(json.actual),
      amount(json.forecast),
      amount(json.available),
    ]);
    expect(sheetMismatches(sheet, rows)).toEqual([]);
    // Known before T2: T1 alone, 15,600.00 forecast in FS; 3,900.00 actual.
    expect(json).toMatchObject({ forecast: '15600.00', actual: '3900.00', planned: '200000.00' });

    const given = parameters(workbook);
    expect(given.get('Sozialraum')).toBe('HRO-TW');
    expect(given.get('Haushaltsjahr')).toBe('2025');
    expect(given.get('Stand am')).toEqual(utcDate('2025-06-30'));
    expect(given.get('Wissensstand')).toEqual(berlinWallClock(new Date(knownAt)));
    const created = given.get('Erstellt am') as Date;
    expect(created).toBeInstanceOf(Date);
    expect(Math.abs(created.getTime() - berlinWallClock(new Date()).getTime())).toBeLessThan(120_000);
  });

  it('says "heute" and "aktuell" on "Parameter" without asOf and knownAt', async () => {
    const given = parameters(await workbookOf('/steering/HRO-TW/2025/utilisation/xlsx', 'auslastung-HRO-TW-2025.xlsx'));
    expect([given.get('Stand am'), given.get('Wissensstand'), given.has('Protokollposition')]).toEqual(['heute', 'aktuell', false]);
  });

  it('exports the Haushaltsüberwachungsliste as XLSX, as the wiju may read it', async () => {
    const json = (await expectStatus(as(t, 'wiju').get('/steering/HRO-TW/2025/monitoring-list?asOf=2025-12-31'), 200)).body;
    const workbook = await workbookOf('/steering/HRO-TW/2025/monitoring-list/xlsx?asOf=2025-12-31', 'hue-liste-HRO-TW-2025.xlsx', { role: 'wiju' });
    const sheet = workbook.getWorksheet('Haushaltsüberwachungsliste')!;
    expectLayout(sheet, ['Sozialraum', 'Haushaltsjahr', 'Kategorie', 'Ansatz', 'Bindungen', 'Anordnungen', 'Ist', 'Rest']);
    const figures = (f: any) => [amount(f.ansatz), amount(f.bindungen), amount(f.anordnungen), amount(f.ist), amount(f.rest)];
    const rows: Expected[][] = json.rows.map((r: any) => ['HRO-TW', 2025, CATEGORY[r.category], ...figures(r)]);
    rows.push(['HRO-TW', 2025, 'Gesamt', ...figures(json.total)]);
    expect(sheetMismatches(sheet, rows)).toEqual([]);
    expect(parameters(workbook).get('Stand am')).toEqual(utcDate('2025-12-31'));
  });

  it('exports the forecast timeline as XLSX and CSV: one row per change, the crossings of T2 marked', async () => {
    const json = (await expectStatus(controller().get('/steering/HRO-TW/2025/forecast-timeline'), 200)).body;
    const big = json.entries.findIndex((e: any) => e.cause?.caseRef === 'TW-25-002');
    expect(big).toBeGreaterThan(0);
    const crossed = (index: number) => (index === big ? 'Warnschwelle (100 %); Überschreitungsverfahren (105 %); Nachverhandlung (110 %)' : '');
    const workbook = await workbookOf('/steering/HRO-TW/2025/forecast-timeline/xlsx', 'hochrechnung-HRO-TW-2025.xlsx');
    const sheet = workbook.getWorksheet('Verlauf der Hochrechnung')!;
    const columns = ['Sozialraum', 'Haushaltsjahr', 'Geschäftsdatum', 'Ursache', 'Änderung', 'Hochrechnung', 'B', '% von B', 'Schwelle überschritten'];
    expectLayout(sheet, [...columns, 'Ereignistyp', 'Protokollposition']);
    const rows: Expected[][] = json.entries.map((e: any, index: number) => [
      'HRO-TW',
      2025,
      { date: e.businessDate },
      sheet.getRow(index + 2).getCell(4).value as string,
      amount(e.delta),
      amount(e.forecast),
      amount(e.budget),
      { percent: e.pctOfBudget },
      crossed(index) || null,
      e.type,
      Number(e.position),
    ]);
    expect(sheetMismatches(sheet, rows)).toEqual([]);
    // The cause as the page names it: kind, case, details.
    const kinds: Record<string, string> = { approval: 'Bewilligung', budget: 'Budget' };
    json.entries.forEach((e: any, index: number) => {
      const cause = String(sheet.getRow(index + 2).getCell(4).value);
      expect(cause.startsWith(kinds[e.cause.kind])).toBe(true);
      if (e.cause.caseRef) expect(cause).toContain(e.cause.caseRef);
    });
    expect(sheet.getRow(big + 2).getCell(4).value).toMatch(/^Bewilligung TW-25-002 \(§ 35 SGB VIII/);
    expect(sheet.getRow(big + 2).getCell(6).value).toBe(Number(json.entries[big].forecast));

    const csv = await csvOf('/steering/HRO-TW/2025/forecast-timeline/csv', 'hochrechnung-HRO-TW-2025.csv');
    expect(csv[0]).toEqual([...columns, 'Ereignistyp', 'Protokollposition']);
    const comma = (value: string) => value.replace('.', ',');
    expect(csv.slice(1)).toEqual(
      json.entries.map((e: any, index: number) => [
        'HRO-TW',
        '2025',
        e.businessDate,
        sheet.getRow(index + 2).getCell(4).value,
        comma(e.delta),
        comma(e.forecast),
        comma(e.budget),
        comma(e.pctOfBudget),
        crossed(index),
        e.type,
        e.position,
      ]),
    );
    const plain = await csvOf('/steering/HRO-TW/2025/forecast-timeline/csv?decimalComma=false', 'hochrechnung-HRO-TW-2025.csv');
    expect(plain[big + 1].slice(4, 8)).toEqual([json.entries[big].delta, json.entries[big].forecast, json.entries[big].budget, json.entries[big].pctOfBudget]);
  });

  it('cuts the timeline file off at asOf as the JSON view does, and names it on "Parameter"', async () => {
    const json = (await expectStatus(controller().get('/steering/HRO-TW/2025/forecast-timeline?asOf=2025-03-31'), 200)).body;
    const workbook = await workbookOf('/steering/HRO-TW/2025/forecast-timeline/xlsx?asOf=2025-03-31', 'hochrechnung-HRO-TW-2025.xlsx');
    expect(workbook.getWorksheet('Verlauf der Hochrechnung')!.rowCount).toBe(json.entries.length + 1);
    expect(parameters(workbook).get('Stand am')).toEqual(utcDate('2025-03-31'));
  });

  const SETTLEMENT_LABELS: Array<[string, string]> = [
    ['budget', 'B (Sozialraumbudget)'],
    ['flexibleBudget', 'Flexibles Budget (FÜ + FU)'],
    ['actual', 'Ist I'],
    ['deviation', 'Abweichung D = I − B'],
    ['corridor', 'Korridor K'],
    ['excess', 'Überschreitung E = D − K'],
    ['savings', 'Einsparung S = −D − K'],
    ['providerShare', 'Anteil der Träger (Malus)'],
    ['providerShareCap', 'Deckel des Trägeranteils'],
    ['jugendamtShare', 'Anteil des Jugendamts'],
    ['carryForward', 'Übertrag ins Folgejahr'],
    ['carryForwardCap', 'Deckel des Übertrags'],
    ['returnedToMunicipalBudget', 'Zurück an den Haushalt'],
  ];

  it('exports the recorded settlement as XLSX: every figure with its label, the calculation and the confirmation as dates', async () => {
    const json = (await expectStatus(controller().get('/steering/HRO-TW/2025/settlement'), 200)).body;
    expect(json.recorded.figures).toMatchObject({ outcome: 'underrun', actual: '3900.00' });
    const workbook = await workbookOf('/steering/HRO-TW/2025/settlement/xlsx', 'jahresabrechnung-HRO-TW-2025.xlsx');
    const sheet = workbook.getWorksheet('Jahresabrechnung')!;
    expectLayout(sheet, ['Sozialraum', 'Haushaltsjahr', 'Abschnitt', 'Angabe', 'Betrag', 'Datum', 'Text']);
    const line = (section: string, label: string, betrag: Expected, datum: Expected, text: Expected): Expected[] => [
      'HRO-TW',
      2025,
      section,
      label,
      betrag,
      datum,
      text,
    ];
    const figures = (section: string, f: any) => [
      line(section, 'Ergebnis', null, null, 'Unterschreitung'),
      ...SETTLEMENT_LABELS.map(([key, label]) => line(section, label, amount(f[key]), null, null)),
    ];
    const r = json.recorded;
    const rows = [
      line('Jahresabrechnung', 'Kennung', null, null, r.settlementId),
      line('Jahresabrechnung', 'Berechnet am', null, { date: '2026-01-21' }, null),
      ...figures('Jahresabrechnung', r.figures),
      line('Jahresabrechnung', 'Federführender Träger', null, null, 'TR-E'),
      line('Jahresabrechnung', 'Auf das Folgejahr angewendet', null, null, 'nein'),
      line('Jahresabrechnung', 'Protokollposition', null, null, r.logPosition),
      line('Bestätigung', 'Jugendamt', null, { date: '2026-01-22' }, 'HRO-JA'),
      ...figures('Vorschau', json.preview),
    ];
    expect(sheetMismatches(sheet, rows)).toEqual([]);
    expect(parameters(workbook).get('Auswertung')).toBe('Jahresabrechnung');
  });

  it('exports the settlement as CSV with the same figures, to the lead provider as well, to no other provider', async () => {
    const json = (await expectStatus(controller().get('/steering/HRO-TW/2025/settlement'), 200)).body;
    const csv = await csvOf('/steering/HRO-TW/2025/settlement/csv', 'jahresabrechnung-HRO-TW-2025.csv');
    expect(csv[0]).toEqual(['Sozialraum', 'Haushaltsjahr', 'Abschnitt', 'Angabe', 'Betrag', 'Datum', 'Text']);
    const recorded = new Map(csv.filter((c) => c[2] === 'Jahresabrechnung').map((c) => [c[3], c[4]]));
    for (const [key, label] of SETTLEMENT_LABELS) expect([label, recorded.get(label)]).toEqual([label, (json.recorded.figures[key] ?? '').replace('.', ',')]);
    expect(csv).toContainEqual(['HRO-TW', '2025', 'Bestätigung', 'Jugendamt', '', '2026-01-22', 'HRO-JA']);

    expect((await download('/steering/HRO-TW/2025/settlement/xlsx', { role: 'provider', provider: 'TR-E' })).status).toBe(200);
    for (const format of ['csv', 'xlsx']) {
      const other = await download(`/steering/HRO-TW/2025/settlement/${format}`, { role: 'provider', provider: 'TR-F' });
      expect([format, other.status, other.headers['content-type']]).toEqual([format, 404, expect.stringContaining('application/problem+json')]);
    }
  });

  it("exports a provider's figures as XLSX and CSV per Sozialraum, category and month, only to the provider itself", async () => {
    const json = (await expectStatus(as(t, 'provider', 'TR-E').get('/provider-figures/TR-E/2025'), 200)).body;
    const workbook = await workbookOf('/provider-figures/TR-E/2025/xlsx', 'traegerzahlen-TR-E-2025.xlsx', { role: 'provider', provider: 'TR-E' });
    const sheet = workbook.getWorksheet('Trägerzahlen')!;
    const columns = ['Träger', 'Haushaltsjahr', 'Sozialraum', 'Zuordnung', 'Kategorie', 'Monat', 'Gebunden', 'Ist', 'Hochrechnung'];
    expectLayout(sheet, columns);
    const rows: Expected[][] = [];
    const csvRows: string[][] = [];
    const comma = (value: string) => value.replace('.', ',');
    for (const l of json.lines) {
      expect(l.inBudget).toBe(true);
      const base = ['TR-E', 2025, l.sozialraumId, 'Im Budget', CATEGORY[l.category]];
      const csvBase = ['TR-E', '2025', l.sozialraumId, 'Im Budget', CATEGORY[l.category]];
      for (const m of l.months) {
        rows.push([...base, { month: m.month }, amount(m.committed), amount(m.actual), amount(m.forecast)]);
        csvRows.push([...csvBase, m.month, comma(m.committed), comma(m.actual), comma(m.forecast)]);
      }
      rows.push([...base, 'Gesamt', amount(l.committed), amount(l.actual), amount(l.forecast)]);
      csvRows.push([...csvBase, 'Gesamt', comma(l.committed), comma(l.actual), comma(l.forecast)]);
    }
    // Gebunden: what is forecast and not yet actual, as on every line.
    const committed = new Decimal(json.forecast).minus(json.actual).toFixed(2);
    rows.push(['TR-E', 2025, null, 'Gesamt (im und neben dem Budget)', null, 'Gesamt', amount(committed), amount(json.actual), amount(json.forecast)]);
    expect(sheetMismatches(sheet, rows)).toEqual([]);
    expect(rows.length).toBeGreaterThan(13);
    const given = parameters(workbook);
    expect([given.get('Träger'), given.get('Haushaltsjahr'), given.get('Stand am'), given.get('Wissensstand')]).toEqual([
      'TR-E (Jugendhilfeverbund Nordost e.V.)',
      '2025',
      'heute',
      'aktuell',
    ]);

    const csv = await csvOf('/provider-figures/TR-E/2025/csv', 'traegerzahlen-TR-E-2025.csv');
    expect(csv[0]).toEqual(columns);
    expect(csv.slice(1, -1)).toEqual(csvRows);
    expect(csv.at(-1)?.slice(6)).toEqual([comma(committed), comma(json.actual), comma(json.forecast)]);

    for (const format of ['csv', 'xlsx']) {
      expect((await download(`/provider-figures/TR-E/2025/${format}`, { role: 'provider', provider: 'TR-F' })).status).toBe(404);
      expect((await download(`/provider-figures/TR-X/2025/${format}`)).status).toBe(404);
    }
  });

  it('refuses the files as their JSON views refuse: no budget, a role without the view, a bad view parameter', async () => {
    for (const path of ['utilisation/xlsx', 'monitoring-list/xlsx', 'forecast-timeline/csv', 'forecast-timeline/xlsx', 'settlement/csv', 'settlement/xlsx']) {
      const missing = await download(`/steering/HRO-TW/2024/${path}`);
      expect([path, missing.status, JSON.parse(missing.body.toString('utf8')).type]).toEqual([path, 404, '/problems/budget-not-found']);
      const bad = await download(`/steering/HRO-TW/2025/${path}?asOf=2025-02-30`);
      expect([path, bad.status]).toEqual([path, 400]);
    }
    for (const path of ['utilisation/xlsx', 'forecast-timeline/csv', 'forecast-timeline/xlsx']) {
      expect([path, (await download(`/steering/HRO-TW/2025/${path}`, { role: 'wiju' })).status]).toEqual([path, 403]);
    }
  });
});
