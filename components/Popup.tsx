/** The popup's view: the current tab's verdict and exports, the site switch, the history with its search, the language. Props in, callbacks out. */
import type { ReportRecord } from '@/lib';
import { countFindings } from '@/utils/findings';
import { searchHistory } from '@/utils/history/search';
import type { AsideEntry, Listing, RecordSummary } from '@/utils/history/summary';
import type { Lang } from '@/utils/i18n';
import type { SiteState } from '@/utils/sites';
import { PopupAttachmentOffer } from './AttachmentOffer';
import { reportLine, t } from './text';

/** What the current tab holds, as far as the popup could learn from its frames. */
export type Current =
  | { kind: 'loading' }
  | { kind: 'report'; record: ReportRecord; shown: boolean }
  | { kind: 'searching' }
  | { kind: 'none' }
  /** The content script is not running in this tab (another site, or a page opened before install). */
  | { kind: 'inactive' }
  /** A browser page, a file, the store: nothing can run here. */
  | { kind: 'unsupported' };

export type Format = 'json' | 'csv';

export interface PopupProps {
  current: Current;
  site: { state: SiteState; host: string | null };
  /** The history's summaries (the index): full records are read only when one is opened or exported. */
  history: Listing | null;
  query: string;
  lang: Lang;
  /** A short message for the live region ("copied", "deleted"). */
  notice?: string | null;
  onExport: (record: ReportRecord, format: Format) => void;
  onCopy: (record: ReportRecord) => void;
  onShowPanel: () => void;
  onSite: (on: boolean) => void;
  onQuery: (q: string) => void;
  onOpen: (entry: RecordSummary) => void;
  onExportEntry: (entry: RecordSummary, format: Format) => void;
  onDelete: (entry: RecordSummary) => void;
  onExportAll: (format: Format) => void;
  onExportAside: (aside: AsideEntry[]) => void;
  onDeleteAside: (aside: AsideEntry) => void;
  onLang: (lang: Lang) => void;
}

export function Popup(p: PopupProps) {
  return (
    <div class="popup">
      <header class="top">
        <h1 class="brand">{t('popup.title')}</h1>
      </header>
      <CurrentTab {...p} />
      <Site {...p} />
      <HistoryList {...p} />
      <footer class="foot">
        <p class="privacy">{t('common.privacy')}</p>
        <label class="lang">
          {/* Both languages, so either reader finds the switch. */}
          <span>界面语言 · Language</span>
          <select value={p.lang} onChange={(e) => p.onLang((e.currentTarget as HTMLSelectElement).value as Lang)}>
            <option value="zh_CN">中文</option>
            <option value="en">English</option>
            <option value="auto">跟随浏览器 · Browser</option>
          </select>
        </label>
      </footer>
      <p class="live" role="status" aria-live="polite">
        {p.notice ?? ''}
      </p>
    </div>
  );
}

function Verdict({ record }: { record: ReportRecord }) {
  const c = countFindings(record.findings);
  const tone = c.error ? 'error' : c.warning ? 'warning' : c.pass ? 'pass' : 'na';
  const text = c.error
    ? t('popup.verdictErrors', [String(c.error)])
    : c.warning
      ? t('popup.verdictWarnings', [String(c.warning)])
      : c.pass
        ? t('popup.verdictClean')
        : t('popup.verdictNothing');
  return (
    <div class="verdict" data-tone={tone}>
      <p class="verdict-text">{text}</p>
      <ul class="tally" aria-label={t('panel.counts')}>
        <li data-tone="error" data-count={c.error}>
          <b>{c.error}</b> {t('common.error')}
        </li>
        <li data-tone="warning" data-count={c.warning}>
          <b>{c.warning}</b> {t('common.warning')}
        </li>
        <li data-tone="info" data-count={c.info}>
          <b>{c.info}</b> {t('common.info')}
        </li>
        <li data-tone="pass" data-count={c.pass}>
          <b>{c.pass}</b> {t('common.pass')}
        </li>
      </ul>
    </div>
  );
}

function CurrentTab(p: PopupProps) {
  const { current } = p;
  return (
    <section class="card" aria-labelledby="current-title">
      <h2 id="current-title" class="card-title">
        {t('popup.current')}
      </h2>
      {current.kind === 'report' ? (
        <>
          <p class="report-line" title={current.record.source.title}>
            {reportLine(current.record)}
          </p>
          <Verdict record={current.record} />
          <div class="actions">
            <button type="button" class="btn primary" onClick={() => p.onExport(current.record, 'json')}>
              {t('popup.exportJson')}
            </button>
            <button type="button" class="btn" onClick={() => p.onExport(current.record, 'csv')}>
              {t('popup.exportCsv')}
            </button>
            <button type="button" class="btn" onClick={() => p.onCopy(current.record)}>
              {t('popup.copy')}
            </button>
          </div>
          {current.shown ? null : (
            <button type="button" class="link" onClick={p.onShowPanel}>
              {t('popup.showPanel')}
            </button>
          )}
        </>
      ) : (
        <p class="status" data-kind={current.kind}>
          {current.kind === 'loading'
            ? t('popup.loading')
            : current.kind === 'searching'
              ? t('popup.searching')
              : current.kind === 'none'
                ? t('popup.none')
                : current.kind === 'inactive'
                  ? t('popup.inactive')
                  : t('popup.unsupported')}
        </p>
      )}
      <PopupAttachmentOffer record={current.kind === 'report' ? current.record : null} />
    </section>
  );
}

function Site({ site, onSite }: PopupProps) {
  if (site.state === 'unavailable' || !site.host) return null;
  if (site.state === 'always') {
    return <p class="site">{t('popup.siteAlways')}</p>;
  }
  const on = site.state === 'on';
  return (
    <label class="site switch">
      <input
        type="checkbox"
        role="switch"
        checked={on}
        aria-checked={on}
        onChange={(e) => onSite((e.currentTarget as HTMLInputElement).checked)}
      />
      <span>{t('popup.siteSwitch', [site.host])}</span>
    </label>
  );
}

function HistoryList(p: PopupProps) {
  const { history, query } = p;
  const entries = history?.entries ?? [];
  const shown = searchHistory(entries, query);
  return (
    <section class="card history" aria-labelledby="history-title">
      <div class="card-head">
        <h2 id="history-title" class="card-title">
          {t('popup.history', [String(entries.length)])}
        </h2>
        {entries.length ? (
          <div class="actions small">
            <button type="button" class="btn" onClick={() => p.onExportAll('json')}>
              {t('popup.exportAllJson')}
            </button>
            <button type="button" class="btn" onClick={() => p.onExportAll('csv')}>
              {t('popup.exportAllCsv')}
            </button>
          </div>
        ) : null}
      </div>
      {entries.length ? (
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
      ) : entries.length === 0 ? (
        <p class="status">{t('popup.historyEmpty')}</p>
      ) : shown.length === 0 ? (
        <p class="status">{t('popup.noMatch')}</p>
      ) : (
        <ul class="entries">
          {shown.map((e) => (
            <Entry key={e.key} entry={e} {...p} />
          ))}
        </ul>
      )}
      {history?.aside.length ? <Aside aside={history.aside} {...p} /> : null}
    </section>
  );
}

function Entry({ entry, onOpen, onExportEntry, onDelete }: PopupProps & { entry: RecordSummary }) {
  const c = entry.counts;
  const name = `${entry.agency ?? entry.title} ${entry.year ?? ''}`.trim();
  const seen = entry.capturedAt.slice(0, 10);
  return (
    <li class="entry" data-key={entry.key}>
      <div class="entry-main">
        <span class="entry-name" title={entry.url}>
          {entry.agency ?? entry.title}
        </span>
        <span class="entry-meta">
          {entry.year ? t('common.year', [String(entry.year)]) : t('common.yearUnknown')} · {seen}
        </span>
        <span class="entry-counts">
          <span data-tone="error" title={t('common.error')}>
            {t('popup.countError', [String(c.error)])}
          </span>
          <span data-tone="warning" title={t('common.warning')}>
            {t('popup.countWarning', [String(c.warning)])}
          </span>
        </span>
      </div>
      <div class="entry-actions">
        <button type="button" class="mini" onClick={() => onOpen(entry)} aria-label={`${t('popup.open')}：${name}`}>
          {t('popup.open')}
        </button>
        <button type="button" class="mini" onClick={() => onExportEntry(entry, 'json')} aria-label={`${t('popup.exportJson')}：${name}`}>
          JSON
        </button>
        <button type="button" class="mini" onClick={() => onExportEntry(entry, 'csv')} aria-label={`${t('popup.exportCsv')}：${name}`}>
          CSV
        </button>
        <button type="button" class="mini danger" onClick={() => onDelete(entry)} aria-label={`${t('popup.delete')}：${name}`}>
          {t('popup.delete')}
        </button>
      </div>
    </li>
  );
}

function Aside({ aside, onExportAside, onDeleteAside }: PopupProps & { aside: AsideEntry[] }) {
  return (
    <div class="aside" role="note">
      <p>{t('popup.aside', [String(aside.length)])}</p>
      <ul>
        {aside.map((a) => (
          <li key={a.key}>
            <code title={a.reason}>{a.from.replace(/^nianbao:report:/, '')}</code>
            <span class="aside-reason">{a.reason}</span>
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
