/**
 * The workbench (an extension page): the run of a listing — its progress, what failed and why, its
 * table and chart — and the whole history in the same table. Props in, callbacks out: the page
 * (entrypoints/workbench) wires the run, the history and the exports.
 */
import { useMemo, useState } from 'preact/hooks';
import { sameAgency } from '@/utils/history/search';
import type { RecordSummary } from '@/utils/history/summary';
import { historyRows, type Row, runRows } from '@/utils/workbench/rows';
import type { RunItem, RunState } from '@/utils/workbench/state';
import type { WorkbenchTarget } from '@/utils/workbench/url';
import { t } from '../text';
import { Chart, type ChartFigure, type Trend } from './Chart';
import { Failed } from './Failed';
import { Progress } from './Progress';
import { Table } from './Table';

export type WorkbenchView = 'run' | 'history';

export interface WorkbenchProps {
  run: RunState | null;
  going: boolean;
  /** Every summary of the history (null: not listed yet). */
  history: RecordSummary[] | null;
  view: WorkbenchView;
  onView: (v: WorkbenchView) => void;
  onStart: (target: WorkbenchTarget) => void;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
  onRestart: () => void;
  onDelay: (ms: number) => void;
  onRetry: (urls?: string[]) => void;
  onOpen: (row: Row) => void;
  onOpenTab: (item: RunItem) => void;
  onExportCsv: (rows: Row[]) => void;
  onExportJson: (rows: Row[]) => void;
  /** An export under way, and the last thing to tell (an export saved, or why it was not). */
  exporting?: boolean;
  notice?: string | null;
  /** Another workbench tab makes the run: this one shows it, without its controls. */
  watching?: boolean;
  /** The listing's site, when the extension may not read it yet: the notice offers to allow it. */
  needsSite?: string | null;
  onAllowSite?: () => void;
}

function StartForm({ onStart }: { onStart: (t: WorkbenchTarget) => void }) {
  const [url, setUrl] = useState('');
  const [year, setYear] = useState('');
  const [follow, setFollow] = useState(true);
  const valid = /^https?:\/\/\S+$/i.test(url.trim());
  return (
    <form
      class="wb-start"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        const y = Number(year);
        onStart({ listing: url.trim(), ...(year && Number.isInteger(y) ? { year: y } : {}), follow });
      }}
    >
      <p>{t('workbench.noRun')}</p>
      <label class="wb-start-url">
        {t('workbench.startUrl')}
        <input
          type="url"
          required
          value={url}
          placeholder="https://www.example.gov.cn/zwgk/ndbg/"
          onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)}
        />
      </label>
      <label>
        {t('workbench.startYear')}
        <input type="number" min="2008" max="2100" value={year} onInput={(e) => setYear((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <label class="wb-check">
        <input type="checkbox" checked={follow} onChange={(e) => setFollow((e.currentTarget as HTMLInputElement).checked)} />
        {t('workbench.startFollow')}
      </label>
      <button type="submit" class="primary" disabled={!valid}>
        {t('workbench.start')}
      </button>
    </form>
  );
}

export function Workbench(p: WorkbenchProps) {
  const [figure, setFigure] = useState<ChartFigure>('errors');
  const [shown, setShown] = useState<Row[]>([]);
  const [trend, setTrend] = useState<Trend | null>(null);
  const byKey = useMemo(() => new Map((p.history ?? []).map((s) => [s.key, s])), [p.history]);
  // The run's items change in place: its `updatedAt` says when.
  const rows = useMemo(
    () => (p.view === 'run' ? runRows(p.run, byKey) : historyRows(p.history ?? [])),
    [p.view, p.run, p.run?.updatedAt, byKey, p.history],
  );
  const openTrend = (r: Row) => {
    if (!r.agency) return;
    const agency = r.agency;
    const mine = historyRows((p.history ?? []).filter((s) => s.agency && sameAgency(s.agency, agency)));
    setTrend({ agency, rows: mine.sort((a, b) => (a.year ?? 0) - (b.year ?? 0)) });
  };
  const historyCount = p.history?.length ?? 0;
  return (
    <div class="wb">
      <header class="wb-top">
        <h1>{t('workbench.title')}</h1>
        <div class="wb-tabs" role="tablist" aria-label={t('workbench.title')}>
          <button type="button" role="tab" aria-selected={p.view === 'run'} onClick={() => p.onView('run')}>
            {t('workbench.tabRun', [String(p.run?.items.length ?? 0)])}
          </button>
          <button type="button" role="tab" aria-selected={p.view === 'history'} onClick={() => p.onView('history')}>
            {t('workbench.tabHistory', [String(historyCount)])}
          </button>
        </div>
      </header>
      {p.watching ? (
        <p class="wb-notice" role="status">
          {t('workbench.elsewhere')}
        </p>
      ) : null}
      {p.notice ? (
        <p class="wb-notice" role="status">
          {p.notice}
          {p.needsSite ? (
            <button type="button" class="primary" onClick={p.onAllowSite}>
              {t('workbench.notice.allow')}
            </button>
          ) : null}
        </p>
      ) : null}
      <div role="tabpanel" class="wb-panel">
        {p.view === 'run' ? (
          p.run ? (
            <>
              <Progress
                run={p.run}
                watching={Boolean(p.watching)}
                going={p.going}
                onPause={p.onPause}
                onResume={p.onResume}
                onCancel={p.onCancel}
                onRestart={p.onRestart}
                onDelay={p.onDelay}
              />
              <Failed run={p.run} onOpenTab={p.onOpenTab} onRetry={p.onRetry} watching={Boolean(p.watching)} />
            </>
          ) : (
            <StartForm onStart={p.onStart} />
          )
        ) : null}
        {p.view === 'history' || p.run ? (
          <>
            <Table
              key={p.view}
              rows={rows}
              label={p.view === 'run' ? t('workbench.tableRun') : t('workbench.tableHistory')}
              onShown={setShown}
              onOpen={p.onOpen}
              onTrend={openTrend}
              onExportCsv={p.onExportCsv}
              onExportJson={p.onExportJson}
              busy={Boolean(p.exporting)}
            />
            <Chart rows={shown} figure={figure} onFigure={setFigure} trend={trend} onCloseTrend={() => setTrend(null)} />
          </>
        ) : null}
      </div>
    </div>
  );
}
