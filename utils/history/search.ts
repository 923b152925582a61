/** Finding entries in the history: the popup's search, and the rule that two agency names are the same body. Pure. */
import type { ReportRecord } from '@/lib';
import { type RecordSummary, summarize } from './summary';

/** Agency names compared without spaces and with full-width letters and digits folded. */
export function sameAgency(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  return fold(a) === fold(b);
}

type Searchable = { record: ReportRecord } | RecordSummary;

/** Entries whose agency, year, title or address contain every word of the query. */
export function searchHistory<T extends Searchable>(entries: readonly T[], query: string): T[] {
  const words = query.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((e: Searchable) => {
    const s: Pick<RecordSummary, 'agency' | 'year' | 'title' | 'url'> = 'record' in e ? { ...summarize(e.record) } : e;
    const hay = [s.agency ?? '', s.year ?? '', s.title, s.url].join(' ').normalize('NFKC').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
