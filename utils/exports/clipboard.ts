/** The tables on the clipboard as TSV and as an HTML table, so a paste into a spreadsheet splits into cells. */
import type { ReportRecord } from '@/lib';
import { CSV_HEADER, csvRows } from '@/lib/output';

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
