/** The media types of the exported files, as the answers declare them. */
export const CSV_MEDIA_TYPE = 'text/csv';
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition of a download; the names are ASCII ("hue-liste-HRO-TW-2025.xlsx"), so no encoding is needed. */
export function attachment(filename: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(filename)) throw new Error(`"${filename}" is not a plain file name`);
  return `attachment; filename="${filename}"`;
}
