/**
 * The history's view: its search, the reports seen (both dates, counts and verdicts; records not
 * summarised yet listed from what their keys say), the exports of everything, and the note on what
 * was set aside. Props in, callbacks out; any extension page can show it.
 */
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { ExportKind } from '@/utils/exports/files';
import { searchHistory } from '@/utils/history/search';
import {
  type AsideEntry,
  identityOfKey,
  type Listing,
  type PendingEntry,
  type RecordSummary,
  summaryIdentity,
} from '@/utils/history/summary';
import { t } from './text';

/** Entries shown before "show more": a 5,000-record history renders in a blink. */
export const PAGE_SIZE = 50;

export interface HistoryProps {
  history: Listing | null;
  query: string;
  /** An export of everything under way. */
  exporting?: { done: number; total: number } | null;
  onQuery: (q: string) => void;
  onOpen: (entry: RecordSummary | PendingEntry) => void;
  onExportEntry: (entry: RecordSummary | PendingEntry, kind: ExportKind) => void;
  onDelete: (entry: RecordSummary | PendingEntry) => void;
  onExportAll: (kind: ExportKind) => void;
  /** Show the whole history in the workbench's table (sortable, with figures and charts). */
  onOpenWorkbench?: () => void;
  onExportAside: (aside: AsideEntry[]) => void;
  onDeleteAside: (aside: AsideEntry) => void;
}

/** A date as the reader's calendar has it (`YYYY-MM-DD`); an ISO time is read in local time. */
export function day(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso.slice(0, 10)) && !iso.includes('Z') && !/[+-]\d{2}:\d{2}$/.test(iso)) return iso.slice(0, 10);
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const isSummary = (e: RecordSummary | PendingEntry): e is RecordSummary => 'counts' in e;

export function HistoryList(p: HistoryProps) {
  const { history, query } = p;
  const [limit, setLimit] = useState(PAGE_SIZE);
  const entries = history?.entries ?? [];
  const pending = history?.pending ?? [];
  const all: (RecordSummary | PendingEntry)[] = [...entries, ...pending];
  const shown = searchHistory(all, query);
  const visible = shown.slice(0, limit);
  const busy = Boolean(p.exporting);
  return (
    <section class="card history" aria-labelledby="history-title">
      <div class="card-head">
        <h2 id="history-title" class="card-title">
          {t('popup.history', [String(all.length)])}
        </h2>
        {all.length ? (
          <div class="actions small">
            <button type="button" class="btn" disabled={busy} onClick={() => p.onExportAll('json')}>
              {t('popup.exportAllJson')}
            </button>
            <button type="button" class="btn" disabled={busy} onClick={() => p.onExportAll('csv')}>
              {t('popup.exportAllCsv')}
            </button>
            <button type="button" class="btn" disabled={busy} onClick={() => p.onExportAll('findings')}>
              {t('history.exportAllFindings')}
            </button>
            {p.onOpenWorkbench ? (
              <button type="button" class="btn" onClick={p.onOpenWorkbench}>
                {t('history.openWorkbench')}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {p.exporting ? (
        <p class="progress" role="status">
          {t('exports.progress', [String(p.exporting.done), String(p.exporting.total)])}
        </p>
      ) : null}
      {pending.length ? <p class="progress pending-note">{t('history.pending', pending.length)}</p> : null}
      {all.length ? (
        <input
          type="search"
          class="search"
          value={query}
          placeholder={t('popup.searchPlaceholder')}
          aria-label={t('popup.search')}
          onInput={(e) => p.onQuery((e.currentTarget as HTMLInputElement).value)}
        />
      ) : null}
      {history === null ? (
        <p class="status">{t('popup.loading')}</p>
      ) : all.length === 0 ? (
        <p class="status">{t('popup.historyEmpty')}</p>
      ) : shown.length === 0 ? (
        <p class="status">{t('popup.noMatch')}</p>
      ) : (
        <ul class="entries">
          {visible.map((e) => (
            <Entry key={e.key} entry={e} {...p} />
          ))}
        </ul>
      )}
      {shown.length > visible.length ? (
        <button type="button" class="link more" onClick={() => setLimit((n) => n + PAGE_SIZE * 4)}>
          {t('history.showMore', [String(Math.min(PAGE_SIZE * 4, shown.length - visible.length)), String(shown.length)])}
        </button>
      ) : null}
      {history?.aside.length ? <AsideNote aside={history.aside} {...p} /> : null}
    </section>
  );
}

function Entry(p: HistoryProps & { entry: RecordSummary | PendingEntry }) {
  const { entry } = p;
  const summary = isSummary(entry) ? entry : null;
  const tally = p.history?.reviews[summary ? summaryIdentity(summary) : identityOfKey(entry.key)];
  const label = entry.agency ?? summary?.title ?? entry.url ?? entry.key;
  const name = `${label} ${entry.year ?? ''}`.trim();
  const meta = [
    entry.year ? t('common.year', [String(entry.year)]) : t('common.yearUnknown'),
    ...(summary
      ? [
          summary.publishedAt ? t('history.published', [day(summary.publishedAt)]) : t('history.publishedUnknown'),
          t('history.read', [day(summary.capturedAt)]),
        ]
      : [t('history.pendingEntry')]),
  ];
  return (
    <li class="entry" data-key={entry.key} data-pending={summary ? undefined : ''}>
      <div class="entry-main">
        <span class="entry-name" title={entry.url ?? entry.key}>
          {label}
        </span>
        {summary ? (
          <span class="entry-counts">
            <span data-tone="error" data-count={summary.counts.error}>
              {t('popup.countError', summary.counts.error)}
            </span>
            <span data-tone="warning" data-count={summary.counts.warning}>
              {t('popup.countWarning', summary.counts.warning)}
            </span>
          </span>
        ) : null}
      </div>
      <span class="entry-meta">
        {meta.map((m, i) => (
          <Fragment key={m}>
            {i ? ' · ' : ''}
            <span class="entry-part">{m}</span>
          </Fragment>
        ))}
        {tally ? (
          <span class="entry-reviewed" data-confirmed={tally.confirmed} data-dismissed={tally.dismissed}>
            {' · '}
            {t('popup.reviewed', [String(tally.confirmed), String(tally.dismissed)])}
          </span>
        ) : null}
      </span>
      <div class="entry-actions">
        {entry.url ? (
          <button type="button" class="mini" onClick={() => p.onOpen(entry)} aria-label={`${t('popup.open')}：${name}`}>
            {t('popup.open')}
          </button>
        ) : null}
        <button type="button" class="mini" onClick={() => p.onExportEntry(entry, 'json')} aria-label={`${t('popup.exportJson')}：${name}`}>
          JSON
        </button>
        <button type="button" class="mini" onClick={() => p.onExportEntry(entry, 'csv')} aria-label={`${t('popup.exportCsv')}：${name}`}>
          CSV
        </button>
        <button
          type="button"
          class="mini"
          onClick={() => p.onExportEntry(entry, 'findings')}
          aria-label={`${t('popup.exportFindings')}：${name}`}
        >
          {t('history.findingsShort')}
        </button>
        <button type="button" class="mini danger" onClick={() => p.onDelete(entry)} aria-label={`${t('popup.delete')}：${name}`}>
          {t('popup.delete')}
        </button>
      </div>
    </li>
  );
}

const KIND_TEXT = {
  unreadable: () => t('history.asideKind.unreadable'),
  partial: () => t('history.asideKind.partial'),
  unsaved: () => t('history.asideKind.unsaved'),
  superseded: () => t('history.asideKind.superseded'),
} as const;

/** Where a set-aside value came from, without the storage prefixes. */
const origin = (a: AsideEntry): string => a.from.replace(/^nianbao:report:(?:unsaved:)?(?:url:|report:)?/, '');

function AsideNote({ aside, onExportAside, onDeleteAside }: HistoryProps & { aside: AsideEntry[] }) {
  return (
    <div class="aside" role="note">
      <p>{t('history.asideTitle', aside.length)}</p>
      <ul>
        {aside.map((a) => (
          <li key={a.key} data-kind={a.kind}>
            <div class="aside-main">
              <code title={a.from}>{origin(a)}</code>
              <span class="aside-kind">{KIND_TEXT[a.kind]()}</span>
              {a.reason ? (
                <span class="aside-reason" title={a.reason}>
                  {a.reason}
                </span>
              ) : null}
            </div>
            <button type="button" class="mini danger" onClick={() => onDeleteAside(a)} aria-label={`${t('popup.delete')}：${a.from}`}>
              {t('popup.delete')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="btn" onClick={() => onExportAside(aside)}>
        {t('popup.exportAside')}
      </button>
    </div>
  );
}
