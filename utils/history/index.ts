/**
 * The history of reports seen, in `browser.storage.local` (the keys and shapes: summary.ts):
 *
 * - `nianbao:report:<url>`: one plain `ReportRecord` per page address, validated with the schema on
 *   the way in and on the way out;
 * - `nianbao:index`: one small summary per stored record, written in the same `set` as the record it
 *   describes. The popup lists and searches the index alone; a full record is read only when it is
 *   opened, exported or wanted as last year's report (sync.ts keeps the index in line);
 * - `nianbao:aside:<…>`: an entry that no longer validates (or an unreadable index), moved aside whole,
 *   never dropped; the popup says so (aside.ts).
 *
 * This file only gathers the parts; a view imports the pure ones (summary.ts, search.ts) directly.
 */
export { type Area, READ_BATCH } from './area';
export { migrate } from './migrate';
export { sameAgency, searchHistory } from './search';
export { findPrevious, listHistory, readHistory, readRecord, readRecords, removeEntries, saveRecord } from './store';
export {
  ASIDE_PREFIX,
  type AsideEntry,
  type History,
  type HistoryEntry,
  INDEX_KEY,
  INDEX_VERSION,
  type Listing,
  RECORD_PREFIX,
  type RecordSummary,
  recordKey,
  summarize,
} from './summary';
