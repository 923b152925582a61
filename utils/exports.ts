/**
 * Getting records out of the browser: JSON and CSV files downloaded with one click, and the tables
 * copied to the clipboard as TSV + HTML so a paste into a spreadsheet splits into cells.
 */
import { type ReportRecord, recordFileName, toCsv } from '@/lib';
import { CSV_HEADER, csvRows } from '@/lib/record/csv';

export function recordJson(record: ReportRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** Many records as one JSON array, the shape the command line prints. */
export function recordsJson(records: readonly ReportRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}

/** Long-form CSV with the UTF-8 byte-order mark, so Excel shows the Chinese labels. */
export function recordsCsv(records: readonly ReportRecord[]): string {
  return toCsv([...records], { bom: true });
}

export function jsonFileName(record: ReportRecord): string {
  return recordFileName(record);
}

export function csvFileName(record: ReportRecord): string {
  return recordFileName(record, 'csv');
}

/** `年报核查-历史-2024-03-01.json` for an export of many records. */
export function historyFileName(ext: 'json' | 'csv', now = new Date()): string {
  return `年报核查-历史-${now.toISOString().slice(0, 10)}.${ext}`;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** The long-form table (the CSV's rows) as TSV and as an HTML table, for the clipboard. */
export function clipboardTable(records: readonly ReportRecord[]): { tsv: string; html: string } {
  const rows = [CSV_HEADER, ...csvRows([...records])].map((r) => r.map((c) => (c === null ? '' : String(c))));
  const tsv = rows.map((r) => r.map((c) => c.replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\r\n');
  const [head = [], ...body] = rows;
  const html =
    '<meta charset="utf-8"><table>' +
    `<thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${body.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody>` +
    '</table>';
  return { tsv: `${tsv}\r\n`, html };
}

/** Save text as a file with one click: an `<a download>` on a blob URL keeps the file name, needs no permission. */
export function downloadText(fileName: string, text: string, type: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Put the table on the clipboard as TSV and HTML; plain text only where ClipboardItem is missing. */
export async function copyTable(table: { tsv: string; html: string }, clipboard: Clipboard = navigator.clipboard): Promise<void> {
  if (typeof ClipboardItem !== 'undefined' && typeof clipboard.write === 'function') {
    await clipboard.write([
      new ClipboardItem({
        'text/plain': new Blob([table.tsv], { type: 'text/plain' }),
        'text/html': new Blob([table.html], { type: 'text/html' }),
      }),
    ]);
    return;
  }
  await clipboard.writeText(table.tsv);
}
