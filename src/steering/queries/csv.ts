/** CSV for Excel in German offices: UTF-8 with BOM; decimal comma with semicolons, or dot with commas. */
export function toCsv(headers: string[], rows: Array<Array<string | number>>, decimalComma: boolean): string {
  const separator = decimalComma ? ';' : ',';
  const cell = (value: string | number) => {
    let text = String(value);
    const numeric = /^-?\d+(\.\d+)?$/.test(text);
    if (numeric && decimalComma) text = text.replace('.', ',');
    // Text that Excel would read as a formula is neutralised.
    if (!numeric && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return text.includes(separator) || /["\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [headers, ...rows].map((row) => row.map(cell).join(separator));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
