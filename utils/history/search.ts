/** Finding entries in the history: the popup's search, and the rule that two agency names are the same body. Pure. */
import type { ReportRecord } from '@/lib';
import { foldAgency } from './identity';
import { type PendingEntry, type RecordSummary, summarize } from './summary';

/** Agency names compared without spaces and with full-width letters and digits folded. */
export function sameAgency(a: string, b: string): boolean {
  return foldAgency(a) === foldAgency(b);
}

type Searchable = { record: ReportRecord } | RecordSummary | PendingEntry;

const haystack = (e: Searchable): string => {
  const s = 'record' in e ? summarize(e.record) : e;
  return [s.agency ?? '', s.year ?? '', 'title' in s ? s.title : '', s.url ?? ''].join(' ');
};

/** A query's words, as they are matched: full-width folded (NFKC), lower case. */
export const queryWords = (query: string): string[] => query.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean);

/** Whether `text` holds every one of `words` (queryWords), compared as they are. */
export function hasWords(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const hay = text.normalize('NFKC').toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** Entries whose agency, year, title or address contain every word of the query (a record not summarised yet: what its key says). */
export function searchHistory<T extends Searchable>(entries: readonly T[], query: string): T[] {
  const words = queryWords(query);
  if (words.length === 0) return [...entries];
  return entries.filter((e) => hasWords(haystack(e), words));
}
