/** The popup's view: the current tab's verdict (with the person's verdicts) and exports, the site switch, the history, the language, the undo toast. Props in, callbacks out. */
import type { Finding, ReportRecord } from '@/lib';
import type { AttachmentTarget } from '@/utils/attachment-targets';
import type { ExportKind } from '@/utils/exports/files';
import { countFindings } from '@/utils/findings';
import type { Lang } from '@/utils/i18n';
import type { ListingSummary } from '@/utils/listing-summary';
import { countReviews } from '@/utils/reviews/count';
import type { Reviews } from '@/utils/reviews/store';
import type { SiteState } from '@/utils/sites';
import type { WorkbenchTarget } from '@/utils/workbench/url';
import { PopupAttachmentOffer } from './AttachmentOffer';
import { day, HistoryList, type HistoryProps } from './HistoryList';
import { ListingOffer } from './ListingOffer';
import { reportLine, t } from './text';

/** What the current tab holds, as far as the popup could learn from its frames. */
export type Current =
  | { kind: 'loading' }
  | { kind: 'report'; record: ReportRecord; shown: boolean }
  /**
   * The page could not be checked: its reading failed (the record says why, in an `extension.error`
   * finding), or a frame looked like a report and its reader never answered (no record).
   */
  | { kind: 'failed'; record: ReportRecord | null }
  | { kind: 'searching' }
  /** No report: the page lists reports (the reader's summary of them). */
  | { kind: 'listing'; listing: ListingSummary }
  | { kind: 'none' }
  /** The content script is not running in this tab (another site, or a page opened before install). */
  | { kind: 'inactive' }
  /** A browser page, a file, the store: nothing can run here. */
  | { kind: 'unsupported' };

export interface PopupProps extends HistoryProps {
  current: Current;
  /** The person's verdicts on the current report's findings. */
  reviews?: Reviews;
  site: { state: SiteState; host: string | null };
  lang: Lang;
  /** A short message for the live region ("copied", "exported"). */
  notice?: string | null;
  /** A message that stays a few seconds, with an undo when `undo` (a deletion). */
  toast?: { text: string; undo: boolean } | null;
  onExport: (record: ReportRecord, kind: ExportKind) => void;
  onCopy: (record: ReportRecord) => void;
  onShowPanel: () => void;
  onSite: (on: boolean) => void;
  onLang: (lang: Lang) => void;
  onUndo?: () => void;
  /** Open the attachment page for a file (「核查附件」). */
  onOpenAttachment?: (file: AttachmentTarget) => void;
  /** The address of the tab the popup is about (a tab showing a file is offered it). */
  tabUrl?: string;
  /** Open the workbench on the listing the tab shows (「核查本页列出的 N 份年报」). */
  onOpenListing?: (target: WorkbenchTarget) => void;
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
      {p.toast ? (
        <div class="toast" role="status">
          <span>{p.toast.text}</span>
          {p.toast.undo ? (
            <button type="button" class="toast-undo" onClick={p.onUndo}>
              {t('history.undo')}
            </button>
          ) : null}
        </div>
      ) : null}
      <p class="live" role="status" aria-live="polite">
        {p.notice ?? ''}
      </p>
    </div>
  );
}

function Verdict({ record, reviews }: { record: ReportRecord; reviews: Reviews }) {
  const c = countFindings(record.findings);
  const tone = c.error ? 'error' : c.warning ? 'warning' : c.pass ? 'pass' : 'na';
  const text = c.error
    ? t('popup.verdictErrors', c.error)
    : c.warning
      ? t('popup.verdictWarnings', c.warning)
      : c.pass
        ? t('popup.verdictClean')
        : t('popup.verdictNothing');
  const r = countReviews(record.findings, reviews);
  return (
    <div class="verdict" data-tone={tone}>
      <p class="verdict-text">{text}</p>
      <ul class="tally" aria-label={t('panel.counts')}>
        <li data-tone="error" data-count={c.error}>
          <b>{c.error}</b> {t('popup.tally.error', c.error)}
        </li>
        <li data-tone="warning" data-count={c.warning}>
          <b>{c.warning}</b> {t('popup.tally.warning', c.warning)}
        </li>
        <li data-tone="info" data-count={c.info}>
          <b>{c.info}</b> {t('popup.tally.info', c.info)}
        </li>
        <li data-tone="pass" data-count={c.pass}>
          <b>{c.pass}</b> {t('popup.tally.pass', c.pass)}
        </li>
      </ul>
      {r.confirmed || r.dismissed ? (
        <p class="reviewed" data-confirmed={r.confirmed} data-dismissed={r.dismissed}>
          {t('popup.reviewed', [String(r.confirmed), String(r.dismissed)])}
        </p>
      ) : null}
    </div>
  );
}

/** What went wrong, as the reading's error finding says it: the detail after its Chinese lead-in. */
function failureDetail(record: ReportRecord | null): string | null {
  const f: Finding | undefined = record?.findings.find((x) => x.rule === 'extension.error');
  if (!f) return null;
  const at = f.message.search(/[：:]/);
  return (at >= 0 ? f.message.slice(at + 1) : f.message).trim() || null;
}

function Failed({ record }: { record: ReportRecord | null }) {
  const detail = failureDetail(record);
  return (
    <div class="verdict failed" data-tone="error" role="alert">
      <p class="verdict-text">{t('popup.failed')}</p>
      {record ? (
        <>
          {detail ? <p class="failed-reason">{t('popup.failedReason', [detail])}</p> : null}
          <p class="failed-hint">{t('popup.failedHint')}</p>
        </>
      ) : (
        <p class="failed-hint">{t('popup.stuck')}</p>
      )}
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
          {current.record.source.publishedAt ? (
            <p class="report-date">{t('popup.published', [day(current.record.source.publishedAt)])}</p>
          ) : null}
          <Verdict record={current.record} reviews={p.reviews ?? {}} />
          <div class="actions">
            <button type="button" class="btn primary" onClick={() => p.onExport(current.record, 'json')}>
              {t('popup.exportJson')}
            </button>
            <button type="button" class="btn" onClick={() => p.onExport(current.record, 'csv')}>
              {t('popup.exportCsv')}
            </button>
            <button type="button" class="btn" onClick={() => p.onExport(current.record, 'findings')}>
              {t('popup.exportFindings')}
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
      ) : current.kind === 'listing' ? (
        p.onOpenListing ? (
          <ListingOffer listing={current.listing} onOpen={p.onOpenListing} />
        ) : (
          <p class="status" data-kind="listing">
            {t('listing.lead')}
          </p>
        )
      ) : current.kind === 'failed' ? (
        <>
          {current.record ? (
            <p class="report-line" title={current.record.source.title}>
              {current.record.source.title || current.record.source.url}
            </p>
          ) : null}
          <Failed record={current.record} />
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
      {p.onOpenAttachment && (
        <PopupAttachmentOffer record={current.kind === 'report' ? current.record : null} onOpen={p.onOpenAttachment} tabUrl={p.tabUrl} />
      )}
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
