/** The popup, wired: asks the current tab's frames and the background, lists the history, and turns the view's callbacks into exports, deletions (with undo) and switches. */
import { openAttachment } from '@/utils/attachment';
import { openWorkbench } from '@/utils/listing';
import '@/components/page.css';
import './style.css';
import './history.css';
import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type Current, Popup } from '@/components/Popup';
import { t } from '@/components/text';
import type { ReportRecord } from '@/lib';
import {
  clipboardTable,
  copyTable,
  downloadBlob,
  downloadText,
  type ExportKind,
  exportAndSave,
  historyFileName,
  recordExport,
} from '@/utils/exports';
import {
  type AsideEntry,
  emptyListing,
  historyChanged,
  type Listing,
  listHistory,
  needsRepair,
  type PendingEntry,
  type RecordSummary,
  type Removed,
  readRecord,
  removeEntries,
  repairHistory,
  restoreEntries,
} from '@/utils/history';
import { reportIdentity } from '@/utils/history/identity';
import { getLang, type Lang } from '@/utils/i18n';
import { toBackground, toFrame } from '@/utils/messages';
import { loadLang, onLangChange, saveLang } from '@/utils/prefs';
import { loadReviews, type Reviews, watchReviews } from '@/utils/reviews/store';
import { disableSite, enableSite, type SiteState, siteHost, siteState } from '@/utils/sites';
import { askTab, type TargetTab, targetTab } from './tab';

/** How long the undo of a deletion is offered. */
const UNDO_MS = 8000;

type Entry = RecordSummary | PendingEntry;

function App() {
  const [tab, setTab] = useState<TargetTab | null>(null);
  const [current, setCurrent] = useState<Current>({ kind: 'loading' });
  const [reviews, setReviews] = useState<Reviews>({});
  const [site, setSite] = useState<{ state: SiteState; host: string | null }>({ state: 'unavailable', host: null });
  const [history, setHistory] = useState<Listing | null>(null);
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [toast, setToast] = useState<{ text: string; undo: boolean } | null>(null);
  const [exporting, setExporting] = useState<{ done: number; total: number } | null>(null);
  const [lang, setLangState] = useState<Lang>(getLang());
  const undo = useRef<{ removed: Removed; timer: ReturnType<typeof setTimeout> } | null>(null);
  const repairAsked = useRef(false);
  const firstAsked = useRef(Date.now());

  useEffect(
    () =>
      onLangChange((l) => {
        setLangState(l);
        document.documentElement.lang = t('common.lang');
      }),
    [],
  );

  const say = useCallback((text: string) => {
    setNotice(text);
    setTimeout(() => setNotice((n) => (n === text ? null : n)), 4000);
  }, []);

  // The list is what is known at once (the index); what it does not describe yet is repaired in the
  // background, and the list follows as the repair writes the index.
  const refreshHistory = useCallback(() => {
    listHistory()
      .then((listing) => {
        setHistory(listing);
        if (needsRepair(listing) && !repairAsked.current) {
          repairAsked.current = true;
          void toBackground({ type: 'nianbao:repair' })
            // No background to answer (it is restarting): the popup repairs, for as long as it is open.
            .then((running) => (running ? undefined : repairHistory()))
            .catch(() => undefined)
            .finally(() => {
              repairAsked.current = false;
            });
        }
      })
      .catch(() => setHistory(emptyListing()));
  }, []);

  const refreshTab = useCallback(async (injected = false) => {
    const target = await targetTab();
    setTab(target);
    if (!target) {
      setCurrent({ kind: 'unsupported' });
      return;
    }
    const now = await askTab(target.id, target.url, Date.now() - firstAsked.current);
    setCurrent(now);
    const url = target.url ?? (now.kind === 'report' ? now.record.source.url : undefined);
    const state = await siteState(url);
    setSite({ state, host: url ? siteHost(url) : null });
    // Still looking for a late body: ask again shortly.
    if (now.kind === 'searching') setTimeout(() => void refreshTab(), 1000);
    // A page of a site we read that the background could not look at yet (still loading, or the
    // loader was just put in where the page's world is not available): ask once more.
    if (now.kind === 'inactive' && !injected && (state === 'always' || state === 'on')) setTimeout(() => void refreshTab(true), 400);
  }, []);

  useEffect(() => {
    void refreshTab();
    refreshHistory();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local' || !historyChanged(Object.keys(changes))) return;
      // A repair writes a batch every moment: list again once things settle a little.
      clearTimeout(timer);
      timer = setTimeout(refreshHistory, 150);
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, [refreshTab, refreshHistory]);

  // The current report's verdicts, followed as the panel (or another window) changes them.
  const identity = current.kind === 'report' ? reportIdentity(current.record) : null;
  useEffect(() => {
    if (!identity) return;
    void loadReviews(identity).then(setReviews);
    return watchReviews(identity, setReviews);
  }, [identity]);

  const exportOne = async (record: ReportRecord, kind: ExportKind) => {
    const own = kind === 'json' || kind === 'findings' ? await loadReviews(reportIdentity(record)).catch(() => ({})) : {};
    const file = recordExport(record, kind, own);
    downloadBlob(file.name, file.blob);
  };

  const exportAll = (kind: ExportKind) => {
    const keys = [...(history?.entries ?? []), ...(history?.pending ?? [])].map((e) => e.key);
    setExporting({ done: 0, total: keys.length });
    void exportAndSave(kind, keys, downloadBlob, { onProgress: setExporting }).then((end) => {
      setExporting(null);
      if (!end.ok) say(t('exports.failed', [end.error]));
      else say([t('exports.done', end.count), ...(end.missing ? [t('exports.missing', end.missing)] : [])].join(' '));
    });
  };

  const forgetUndo = () => {
    if (undo.current) clearTimeout(undo.current.timer);
    undo.current = null;
  };

  const remove = (entry: Entry) => {
    const name = `${entry.agency ?? ('title' in entry ? entry.title : entry.url) ?? entry.key} ${entry.year ?? ''}`.trim();
    void removeEntries([entry.key]).then((removed) => {
      forgetUndo();
      const timer = setTimeout(() => {
        undo.current = null;
        setToast(null);
      }, UNDO_MS);
      undo.current = { removed, timer };
      setToast({ text: t('history.deletedEntry', [name]), undo: true });
    });
  };

  const restore = () => {
    const pending = undo.current;
    if (!pending) return;
    forgetUndo();
    restoreEntries(pending.removed)
      .then(() => setToast({ text: t('history.restored'), undo: false }))
      .catch(() => setToast({ text: t('history.undoFailed'), undo: false }))
      .finally(() => setTimeout(() => setToast((x) => (x?.undo ? x : null)), 3000));
  };

  return (
    <Popup
      current={current}
      reviews={reviews}
      site={site}
      history={history}
      query={query}
      lang={lang}
      notice={notice}
      toast={toast}
      exporting={exporting}
      tabUrl={tab?.url}
      onOpenAttachment={(file) => void openAttachment(file).catch(() => say(t('popup.attachmentFailed')))}
      onOpenListing={(target) => void openWorkbench(target, tab?.id).catch(() => say(t('listing.openFailed')))}
      onExport={(record, kind) => void exportOne(record, kind)}
      onCopy={(record) => {
        copyTable(clipboardTable([record]))
          .then(() => say(t('popup.copied')))
          .catch(() => say(t('popup.copyFailed')));
      }}
      onShowPanel={() => {
        if (!tab) return;
        void toFrame(tab.id, { type: 'nianbao:show' }).then(() => refreshTab());
      }}
      onSite={(on) => {
        const url = tab?.url;
        if (!url) return;
        // The permission prompt must come straight from the click: enableSite asks first.
        const change = on ? enableSite(url) : disableSite(url).then(() => true);
        void change
          .then(async (ok) => {
            if (!ok) say(t('popup.siteDeclined'));
            // When the grant arrives the background looks at the site's open tabs; give it a moment.
            await new Promise((r) => setTimeout(r, 600));
            return refreshTab();
          })
          .catch(() => say(t('popup.siteFailed')));
      }}
      onQuery={setQuery}
      onOpen={(entry) => {
        if (entry.url) void browser.tabs.create({ url: entry.url });
      }}
      onExportEntry={(entry, kind) => {
        // Unreadable by now: it is set aside, and the list (told by storage.onChanged) says so.
        void readRecord(entry.key)
          .then((record) => (record ? exportOne(record, kind) : refreshHistory()))
          .catch(refreshHistory);
      }}
      onDelete={remove}
      onUndo={restore}
      onExportAll={exportAll}
      onOpenWorkbench={() =>
        void browser.tabs.create({ url: (browser.runtime.getURL as (p: string) => string)('/workbench.html?view=history') })
      }
      onExportAside={(aside: AsideEntry[]) => {
        const raw = aside.map((a) => ({ key: a.from, kind: a.kind, reason: a.reason, setAsideAt: a.at, value: a.value }));
        downloadText(historyFileName('json').replace('.json', '-unreadable.json'), `${JSON.stringify(raw, null, 2)}\n`, 'application/json');
      }}
      onDeleteAside={(a) => {
        void removeEntries([a.key]).then(refreshHistory);
      }}
      onLang={(l) => {
        setLangState(l);
        void saveLang(l);
      }}
    />
  );
}

void loadLang().then(() => {
  document.documentElement.lang = t('common.lang');
  document.title = t('popup.title');
  render(<App />, document.getElementById('app') as HTMLElement);
});
