/// <reference types="jest" />
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloadsFor, REPORT_DOWNLOADS, reportFileName } from './downloads';

/** The rows of the API's role matrix, read from its source: "GET /steering/…/utilisation/xlsx" → roles. */
function roleMatrixRows(): Map<string, string[]> {
  const source = readFileSync(join(__dirname, '../../../src/shared/role-matrix.ts'), 'utf8');
  const rows = new Map<string, string[]>();
  for (const match of source.matchAll(/'((?:GET|POST|PUT|PATCH|DELETE) [^']+)':\s*\[([^\]]*)\]/g)) {
    rows.set(
      match[1] ?? '',
      [...(match[2] ?? '').matchAll(/'([a-z]+)'/g)].map((role) => role[1] ?? ''),
    );
  }
  return rows;
}

describe('REPORT_DOWNLOADS', () => {
  const matrix = roleMatrixRows();

  it.each(REPORT_DOWNLOADS.map((d) => [d.route, d]))('offers %s to exactly the roles the role matrix lets download it', (route, download) => {
    expect(matrix.get(route)).toBeDefined();
    expect([...download.roles].sort()).toEqual([...(matrix.get(route) ?? [])].sort());
  });

  it('names each file for what it holds and which kind of file it is', () => {
    expect(REPORT_DOWNLOADS.map((d) => d.label)).toEqual([
      'Verlauf der Hochrechnung als CSV',
      'Verlauf der Hochrechnung als Excel-Datei (XLSX)',
      'Auslastung als CSV',
      'Auslastung als Excel-Datei (XLSX)',
      'Haushaltsüberwachungsliste als CSV',
      'Haushaltsüberwachungsliste als Excel-Datei (XLSX)',
      'Jahresabrechnung als CSV',
      'Jahresabrechnung als Excel-Datei (XLSX)',
    ]);
  });
});

describe('downloadsFor', () => {
  const labels = (...args: Parameters<typeof downloadsFor>) => downloadsFor(...args).map((d) => `${d.report}.${d.format}`);

  it('offers the controller every file, the settlement once it is calculated', () => {
    expect(labels(['controller'], { settlement: false })).toEqual([
      'forecast-timeline.csv',
      'forecast-timeline.xlsx',
      'utilisation.csv',
      'utilisation.xlsx',
      'monitoring-list.csv',
      'monitoring-list.xlsx',
    ]);
    expect(labels(['controller'], { settlement: true })).toHaveLength(8);
  });

  it('offers the wiju the Haushaltsüberwachungsliste only, the caseworker nothing', () => {
    expect(labels(['wiju'], { settlement: true })).toEqual(['monitoring-list.csv', 'monitoring-list.xlsx']);
    expect(labels(['caseworker'], { settlement: true })).toEqual([]);
  });
});

describe('reportFileName', () => {
  it('is the name the API gives the file', () => {
    expect(reportFileName('monitoring-list', 'xlsx', 'HRO-TW', 2025)).toBe('hue-liste-HRO-TW-2025.xlsx');
    expect(reportFileName('forecast-timeline', 'csv', 'HRO-TW', 2025)).toBe('hochrechnung-HRO-TW-2025.csv');
  });
});
