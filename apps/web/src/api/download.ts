import { api, ok } from './client';
import type { ViewQuery } from './types';
import { viewQuery } from './queries';
import { auditExportFileName } from '../audit';

export type CsvReport = 'utilisation' | 'monitoring-list';

/** The file name the API suggests (Content-Disposition), else the given one. */
function fileName(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/** Hands a fetched file to the browser as a download under the given name. */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start the download before the blob is released.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/**
 * Downloads a CSV report. The API wants the bearer token, which a plain link cannot send, so the
 * file is fetched through the client (with its token) and handed to the browser as a blob.
 */
export async function downloadCsv(report: CsvReport, sozialraumId: string, fiscalYear: number, view: ViewQuery): Promise<void> {
  const params = { path: { sozialraumId, fiscalYear }, query: viewQuery(view) };
  let response: Response | undefined;
  const request =
    report === 'utilisation'
      ? api.GET('/steering/{sozialraumId}/{fiscalYear}/utilisation/csv', { params, parseAs: 'blob' })
      : api.GET('/steering/{sozialraumId}/{fiscalYear}/monitoring-list/csv', { params, parseAs: 'blob' });
  const blob = await ok(
    request.then((result) => {
      response = result.response;
      return result;
    }),
  );
  const fallback = `${report === 'utilisation' ? 'auslastung' : 'haushaltsueberwachungsliste'}-${sozialraumId}-${fiscalYear}.csv`;
  save(blob, response ? fileName(response, fallback) : fallback);
}

/**
 * Downloads the tenant's whole event log (GET /audit/export, NDJSON: one event per line), with the
 * bearer token like the CSV reports, as "ereignisse-<Mandant>.ndjson".
 */
export async function downloadAuditExport(tenant: string): Promise<void> {
  let response: Response | undefined;
  const blob = await ok(
    api.GET('/audit/export', { parseAs: 'blob' }).then((result) => {
      response = result.response;
      return result;
    }),
  );
  const fallback = auditExportFileName(tenant);
  save(blob, response ? fileName(response, fallback) : fallback);
}
