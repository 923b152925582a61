/**
 * The run's head: what is being checked (the listing, its year, whether its later pages are
 * followed), a progress bar with the counts and the time left, pause / resume / cancel, and the
 * delay between requests. Props in, callbacks out.
 */
import { type RunState, tally, timeLeftMs } from '@/utils/workbench/state';
import { t } from '../text';
import { minutesSeconds, whyText } from './format';

export interface ProgressProps {
  run: RunState;
  /** The run is fetching now (not only marked running: it may be waiting to be resumed). */
  going: boolean;
  /** Another workbench tab makes the run: no controls here. */
  watching?: boolean;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
  onRestart: () => void;
  onDelay: (ms: number) => void;
}

function phaseText(run: RunState, going: boolean): string {
  switch (run.phase) {
    case 'discovering':
      return t('workbench.phase.discovering', [String(run.pages.length)]);
    case 'running':
      return going ? t('workbench.phase.running') : t('workbench.phase.waiting');
    case 'paused':
      return t('workbench.phase.paused');
    case 'done':
      return t('workbench.phase.done');
    case 'cancelled':
      return t('workbench.phase.cancelled');
    default:
      return t('workbench.phase.failed');
  }
}

export function Progress(p: ProgressProps) {
  const { run } = p;
  const n = tally(run.items);
  const handled = n.total - n.left;
  const pct = n.total ? Math.round((handled / n.total) * 100) : 0;
  const [min, sec] = minutesSeconds(timeLeftMs(run));
  const active = run.phase === 'running' || run.phase === 'discovering';
  const canResume = (run.phase === 'paused' || run.phase === 'cancelled') && (n.left > 0 || run.items.length === 0);
  return (
    <section class="wb-progress" aria-labelledby="wb-run-title">
      <div class="wb-run-head">
        <h2 id="wb-run-title">
          {run.notListing ? t('workbench.onePage') : t('workbench.listing')}{' '}
          <a href={run.target.listing} target="_blank" rel="noopener noreferrer" class="wb-listing">
            {run.target.listing}
          </a>
        </h2>
        <p class="wb-target">
          {run.target.year !== undefined ? t('common.year', [String(run.target.year)]) : t('workbench.filter.allYears')}
          {' · '}
          {run.target.follow ? t('workbench.followPages', [String(run.pages.length)]) : t('workbench.firstPageOnly')}
        </p>
      </div>
      <div class="wb-bar-line">
        <div
          class="wb-bar"
          role="progressbar"
          aria-label={t('workbench.progress')}
          aria-valuemin={0}
          aria-valuemax={n.total}
          aria-valuenow={handled}
          aria-valuetext={t('workbench.progressText', [String(handled), String(n.total)])}
        >
          <span class="wb-bar-done" style={{ width: `${n.total ? (n.done / n.total) * 100 : 0}%` }} />
          <span class="wb-bar-failed" style={{ width: `${n.total ? ((n.failed + n.skipped) / n.total) * 100 : 0}%` }} />
        </div>
        <span class="wb-pct">{pct}%</span>
      </div>
      <p class="wb-counts" aria-live="polite">
        <span class="wb-phase">{phaseText(run, p.going)}</span>
        {' · '}
        {t('workbench.counts', [String(n.done), String(n.failed), String(n.skipped), String(n.left)])}
        {active && n.left > 0
          ? ` · ${min > 0 ? t('workbench.leftMin', [String(min), String(sec)]) : t('workbench.leftSec', [String(sec)])}`
          : ''}
      </p>
      {run.why ? (
        <p class="wb-why" role="alert">
          {whyText(run)}
        </p>
      ) : null}
      {p.watching ? null : (
        <div class="wb-controls">
          {active ? (
            <button type="button" onClick={p.onPause}>
              {t('workbench.pause')}
            </button>
          ) : null}
          {canResume ? (
            <button type="button" class="primary" onClick={p.onResume}>
              {t('workbench.resume')}
            </button>
          ) : null}
          {active || run.phase === 'paused' ? (
            <button type="button" onClick={p.onCancel}>
              {t('workbench.cancel')}
            </button>
          ) : null}
          {run.phase === 'done' || run.phase === 'cancelled' || run.phase === 'failed' ? (
            <button type="button" onClick={p.onRestart}>
              {t('workbench.restart')}
            </button>
          ) : null}
          <label class="wb-delay">
            {t('workbench.delay')}
            <input
              type="number"
              min="0"
              max="60"
              step="0.5"
              value={String(run.delayMs / 1000)}
              onChange={(e) => {
                const s = Number((e.currentTarget as HTMLInputElement).value);
                if (Number.isFinite(s) && s >= 0 && s <= 60) p.onDelay(Math.round(s * 1000));
              }}
            />
            {t('workbench.seconds')}
          </label>
        </div>
      )}
    </section>
  );
}
