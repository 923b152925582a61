/**
 * The history of reports seen, in `browser.storage.local` (the keys and shapes: summary.ts):
 *
 * - `nianbao:report:<identity>`: one plain `ReportRecord` per report (identity.ts: its body and year,
 *   else its address without fragment and tracking parameters; records from before identities stay
 *   under their address until read again), validated with the schema on the way in (what fails is
 *   saved in part, salvage.ts) and on the way out;
 * - `nianbao:index`: one small summary per stored record, written in the same `set` as the record it
 *   describes. The popup lists and searches the index alone, at once (listing.ts); a full record is
 *   read only when it is opened, exported or wanted as last year's report; records the index does not
 *   describe are summarised in the background (repair.ts);
 * - `nianbao:aside:<…>`: what could not be kept as a record, moved aside whole, never dropped; the
 *   popup says so (aside.ts).
 *
 * This file only gathers the parts; a view imports the pure ones (summary.ts, search.ts) directly.
 */
export { type Area, READ_BATCH } from './area';
export { historyChanged, needsRepair } from './listing';
export { migrate } from './migrate';
export { type Repaired, type RepairProgress, repairHistory } from './repair';
export { salvage } from './salvage';
export { sameAgency, searchHistory } from './search';
export {
  findPrevious,
  listHistory,
  type RecordBatch,
  type Removed,
  readHistory,
  readRecord,
  readRecords,
  recordBatches,
  removeEntries,
  restoreEntries,
  type Saved,
  saveRecord,
} from './store';
export {
  ASIDE_PREFIX,
  type AsideEntry,
  type AsideKind,
  emptyListing,
  type History,
  type HistoryEntry,
  INDEX_KEY,
  INDEX_VERSION,
  identityOfKey,
  type Listing,
  type PendingEntry,
  RECORD_PREFIX,
  type RecordSummary,
  recordKey,
  summarize,
  summaryIdentity,
} from './summary';
