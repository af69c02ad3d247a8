import { renderCsv } from './csv';
import { attachment, XLSX_MEDIA_TYPE } from './media-types';
import { Table } from './table';
import { renderXlsx, Spreadsheet } from './xlsx';

/** Where a download's headers go: the HTTP reply, whatever the framework. */
export interface HeaderSink {
  header(name: string, value: string): unknown;
}

/** The table as a CSV download: its headers set on the reply, its text returned as the body. */
export function csvDownload(reply: HeaderSink, filename: string, table: Table, decimalComma: boolean): string {
  const body = renderCsv(table, { decimalComma });
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', attachment(filename));
  return body;
}

/** The spreadsheet as an XLSX download: rendered first, so a failure answers as a problem, not as half a file. */
export async function xlsxDownload(reply: HeaderSink, filename: string, spreadsheet: Spreadsheet): Promise<Buffer> {
  const body = await renderXlsx(spreadsheet);
  reply.header('content-type', XLSX_MEDIA_TYPE);
  reply.header('content-disposition', attachment(filename));
  return body;
}
