/**
 * What could not be checked, and why: each report not fetched or not readable (the portal's refusal,
 * a challenge page, a timeout, a file we cannot read), and each listing page that could not be read.
 * Each can be opened in a tab — the reader checks it there as usual, and the workbench picks the
 * result up — or tried again. Props in, callbacks out.
 */
import type { RunItem, RunState } from '@/utils/workbench/state';
import { t } from '../text';
import { whyText } from './format';

export interface FailedProps {
  run: RunState;
  onOpenTab: (item: RunItem) => void;
  onRetry: (urls?: string[]) => void;
  /** Another workbench tab makes the run: it alone retries. */
  watching?: boolean;
}

export function Failed(p: FailedProps) {
  const failed = p.run.items.filter((i) => i.state === 'failed');
  const pages = p.run.pages.filter((g) => g.why);
  if (!failed.length && !pages.length) return null;
  return (
    <section class="wb-failed" aria-labelledby="wb-failed-title">
      <div class="wb-failed-head">
        <h2 id="wb-failed-title">{t('workbench.failedTitle', [String(failed.length + pages.length)])}</h2>
        {failed.length > 1 && !p.watching ? (
          <button type="button" onClick={() => p.onRetry()}>
            {t('workbench.retryAll')}
          </button>
        ) : null}
      </div>
      <p class="wb-hint">{t('workbench.failedHint')}</p>
      <ul>
        {pages.map((g) => (
          <li key={g.url}>
            <span class="wb-failed-name">{t('workbench.listingPage')}</span>{' '}
            <a href={g.url} target="_blank" rel="noopener noreferrer">
              {g.url}
            </a>
            <p class="wb-failed-why">{whyText(g)}</p>
          </li>
        ))}
        {failed.map((i) => (
          <li key={i.url} data-url={i.url}>
            <span class="wb-failed-name">{i.title || i.url}</span>
            <p class="wb-failed-why">{whyText(i)}</p>
            <div class="wb-failed-actions">
              <button type="button" class="primary" onClick={() => p.onOpenTab(i)}>
                {t('workbench.openTab')}
              </button>
              {p.watching ? null : (
                <button type="button" onClick={() => p.onRetry([i.url])}>
                  {t('workbench.retry')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
