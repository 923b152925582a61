/** The popup, wired: asks the current tab's frames and the background, reads the history, and turns the view's callbacks into exports, deletions and switches. */
import './style.css';
import './history.css';
import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type Current, type Format, Popup } from '@/components/Popup';
import { t } from '@/components/text';
import type { ReportRecord } from '@/lib';
import {
  clipboardTable,
  copyTable,
  csvFileName,
  downloadText,
  historyFileName,
  jsonFileName,
  recordJson,
  recordsCsv,
  recordsJson,
} from '@/utils/exports';
import { type Listing, listHistory, readRecord, readRecords, removeEntries } from '@/utils/history';
import { getLang, type Lang } from '@/utils/i18n';
import { toFrame } from '@/utils/messages';
import { loadLang, onLangChange, saveLang } from '@/utils/prefs';
import { disableSite, enableSite, type SiteState, siteHost, siteState } from '@/utils/sites';
import { askTab, type TargetTab, targetTab } from './tab';

function App() {
  const [tab, setTab] = useState<TargetTab | null>(null);
  const [current, setCurrent] = useState<Current>({ kind: 'loading' });
  const [site, setSite] = useState<{ state: SiteState; host: string | null }>({ state: 'unavailable', host: null });
  const [history, setHistory] = useState<Listing | null>(null);
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [lang, setLangState] = useState<Lang>(getLang());

  useEffect(
    () =>
      onLangChange((l) => {
        setLangState(l);
        document.documentElement.lang = t('common.lang');
      }),
    [],
  );

  // The list reads the summary index only; a full record is read when it is opened or exported.
  const refreshHistory = useCallback(() => {
    listHistory()
      .then(setHistory)
      .catch(() => setHistory({ entries: [], aside: [] }));
  }, []);

  const refreshTab = useCallback(async (injected = false) => {
    const target = await targetTab();
    setTab(target);
    if (!target) {
      setCurrent({ kind: 'unsupported' });
      return;
    }
    const now = await askTab(target.id, target.url);
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
    const onChange = (_: unknown, area: string) => {
      if (area === 'local') refreshHistory();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, [refreshTab, refreshHistory]);

  const say = (text: string) => {
    setNotice(text);
    setTimeout(() => setNotice((n) => (n === text ? null : n)), 3000);
  };

  const exportRecord = (record: ReportRecord, format: Format) => {
    if (format === 'json') downloadText(jsonFileName(record), recordJson(record), 'application/json');
    else downloadText(csvFileName(record), recordsCsv([record]), 'text/csv;charset=utf-8');
  };

  return (
    <Popup
      current={current}
      site={site}
      history={history}
      query={query}
      lang={lang}
      notice={notice}
      onExport={exportRecord}
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
      onOpen={(entry) => void browser.tabs.create({ url: entry.url })}
      onExportEntry={(entry, format) => {
        // Unreadable by now: it is set aside, and the list (told by storage.onChanged) says so.
        void readRecord(entry.key)
          .then((record) => (record ? exportRecord(record, format) : refreshHistory()))
          .catch(refreshHistory);
      }}
      onDelete={(entry) => {
        void removeEntries([entry.key]).then(() => {
          say(t('popup.deleted'));
          refreshHistory();
        });
      }}
      onExportAll={(format) => {
        // Read in batches, in the order listed; an entry found unreadable is set aside, not exported.
        void readRecords((history?.entries ?? []).map((e) => e.key))
          .then((entries) => {
            const records = entries.map((e) => e.record);
            if (format === 'json') downloadText(historyFileName('json'), recordsJson(records), 'application/json');
            else downloadText(historyFileName('csv'), recordsCsv(records), 'text/csv;charset=utf-8');
          })
          .catch(refreshHistory);
      }}
      onExportAside={(aside) => {
        const raw = aside.map((a) => ({ key: a.from, reason: a.reason, setAsideAt: a.at, value: a.value }));
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
