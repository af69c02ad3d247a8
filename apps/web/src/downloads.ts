import type { Role } from './session';

/**
 * The files the Sozialraum-year page offers: each view as CSV and as Excel workbook, each file
 * to the roles the API's role matrix lets download it (src/shared/role-matrix.ts; a test compares
 * them). Pure, without React.
 */

export type Report = 'forecast-timeline' | 'utilisation' | 'monitoring-list' | 'settlement';
export type FileFormat = 'csv' | 'xlsx';

export interface ReportDownload {
  report: Report;
  format: FileFormat;
  /** The button's name, German: what the file holds and which kind of file it is. */
  label: string;
  /** The row of the role matrix: "GET /steering/:sozialraumId/:fiscalYear/utilisation/xlsx". */
  route: string;
  roles: readonly Role[];
}

const REPORTS: ReadonlyArray<{ report: Report; name: string; roles: readonly Role[] }> = [
  { report: 'forecast-timeline', name: 'Verlauf der Hochrechnung', roles: ['controller', 'auditor'] },
  { report: 'utilisation', name: 'Auslastung', roles: ['controller', 'auditor'] },
  { report: 'monitoring-list', name: 'Haushaltsüberwachungsliste', roles: ['controller', 'wiju', 'auditor'] },
  { report: 'settlement', name: 'Jahresabrechnung', roles: ['controller', 'provider', 'auditor'] },
];

const FORMAT_LABEL: Record<FileFormat, string> = { csv: 'als CSV', xlsx: 'als Excel-Datei (XLSX)' };

/** Every file in the order the page lists them: per view the CSV, then the workbook. */
export const REPORT_DOWNLOADS: readonly ReportDownload[] = REPORTS.flatMap(({ report, name, roles }) =>
  (['csv', 'xlsx'] as const).map((format) => ({
    report,
    format,
    label: `${name} ${FORMAT_LABEL[format]}`,
    route: `GET /steering/:sozialraumId/:fiscalYear/${report}/${format}`,
    roles,
  })),
);

/** The name the API gives the file (Content-Disposition), for when a browser does not pass it on. */
const FILE_BASE: Record<Report, string> = {
  'forecast-timeline': 'hochrechnung',
  utilisation: 'auslastung',
  'monitoring-list': 'hue-liste',
  settlement: 'jahresabrechnung',
};

export function reportFileName(report: Report, format: FileFormat, sozialraumId: string, fiscalYear: number): string {
  return `${FILE_BASE[report]}-${sozialraumId}-${fiscalYear}.${format}`;
}

/**
 * The files to offer: those one of the roles may download, of the views the page shows; the
 * settlement only once it is calculated (before, the page shows none).
 */
export function downloadsFor(roles: readonly Role[], shown: { settlement: boolean }): ReportDownload[] {
  return REPORT_DOWNLOADS.filter((d) => d.roles.some((role) => roles.includes(role)) && (d.report !== 'settlement' || shown.settlement));
}
