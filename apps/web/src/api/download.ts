import { api, ok } from './client';
import type { ViewQuery } from './types';
import { viewQuery } from './queries';
import { auditExportFileName, checkpointFileName, publicKeyFileName } from '../audit';
import { reportFileName, type FileFormat, type Report } from '../downloads';

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

/** The file a request answered, saved under the name the API suggests, else `fallback`. */
async function saveAnswer(request: Promise<{ data?: Blob; error?: unknown; response: Response }>, fallback: string): Promise<void> {
  let response: Response | undefined;
  const blob = await ok(
    request.then((result) => {
      response = result.response;
      return result;
    }),
  );
  save(blob, response ? fileName(response, fallback) : fallback);
}

/** The request of one file; the paths are spelled out so that each is typed from the contract. */
function requestReport(report: Report, format: FileFormat, params: { path: { sozialraumId: string; fiscalYear: number }; query: ViewQuery }) {
  const options = { params, parseAs: 'blob' as const };
  switch (`${report}/${format}` as `${Report}/${FileFormat}`) {
    case 'forecast-timeline/csv':
      return api.GET('/steering/{sozialraumId}/{fiscalYear}/forecast-timeline/csv', options);
    case 'forecast-timeline/xlsx':
      return api.GET('/steering/{sozialraumId}/{fiscalYear}/forecast-timeline/xlsx', options);
    case 'utilisation/csv':
      return api.GET('/steering/{sozialraumId}/{fiscalYear}/utilisation/csv', options);
    case 'utilisation/xlsx':
      return api.GET('/steering/{sozialraumId}/{fiscalYear}/utilisation/xlsx', options);
    case 'monitoring-list/csv':
      return api.GET('/steering/{sozialraumId}/{fiscalYear}/monitoring-list/csv', options);
    case 'monitoring-list/xlsx':
      return api.GET('/steering/{sozialraumId}/{fiscalYear}/monitoring-list/xlsx', options);
    case 'settlement/csv':
      return api.GET('/steering/{sozialraumId}/{fiscalYear}/settlement/csv', options);
    case 'settlement/xlsx':
      return api.GET('/steering/{sozialraumId}/{fiscalYear}/settlement/xlsx', options);
  }
}

/**
 * Downloads a report of a Sozialraum-year as CSV or Excel workbook. The API wants the bearer
 * token, which a plain link cannot send, so the file is fetched through the client (with its
 * token) and handed to the browser as a blob.
 */
export function downloadReport(report: Report, format: FileFormat, sozialraumId: string, fiscalYear: number, view: ViewQuery): Promise<void> {
  return saveAnswer(
    requestReport(report, format, { path: { sozialraumId, fiscalYear }, query: viewQuery(view) }),
    reportFileName(report, format, sozialraumId, fiscalYear),
  );
}

/**
 * Downloads the tenant's whole event log (GET /audit/export, NDJSON: one event per line), with the
 * bearer token like the reports, as "ereignisse-<Mandant>.ndjson".
 */
export function downloadAuditExport(tenant: string): Promise<void> {
  return saveAnswer(api.GET('/audit/export', { parseAs: 'blob' }), auditExportFileName(tenant));
}

/** The checkpoint file to keep outside the system (GET /audit/checkpoints/file). */
export function downloadCheckpointFile(tenant: string): Promise<void> {
  return saveAnswer(api.GET('/audit/checkpoints/file', { parseAs: 'blob' }), checkpointFileName(tenant));
}

/** A public key as the PEM file verify-offline takes (--public-key). */
export function savePublicKey(keyId: string, pem: string): void {
  save(new Blob([pem], { type: 'application/x-pem-file' }), publicKeyFileName(keyId));
}

/**
 * Downloads the Jugendhilfeausschuss report of a Sozialraum-year as CSV (GET /wirkung/…/report/csv,
 * small cells suppressed), with the bearer token like the other reports.
 */
export function downloadJhaReportCsv(sozialraumId: string, fiscalYear: number, view: ViewQuery): Promise<void> {
  return saveAnswer(
    api.GET('/wirkung/{sozialraumId}/{fiscalYear}/report/csv', { params: { path: { sozialraumId, fiscalYear }, query: viewQuery(view) }, parseAs: 'blob' }),
    `jha-bericht-${sozialraumId}-${fiscalYear}.csv`,
  );
}
