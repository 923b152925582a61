/** What a marked cell is part of, in words: the tooltip beside it and the mark's accessible name. */
import type { ReportRecord } from '@/lib';
import { cellRaw, type MarkSpec } from '@/utils/findings';
import type { Reviews } from '@/utils/reviews/store';
import { cellRefName, findingText, plain } from './findingText';
import { RichText } from './RichText';
import { severityLabel, t } from './text';
import { uiLang, words } from './words';

export interface MarkTipProps {
  record: ReportRecord;
  mark: MarkSpec;
  /** A person's verdicts: a dismissed finding says so. */
  reviews?: Reviews;
}

const MAX_SHOWN = 4;

/** What a marked cell is part of, in words: for each failure the formula, both sides and the difference. */
export function MarkTip({ record, mark, reviews = {} }: MarkTipProps) {
  const lang = uiLang();
  const raw = cellRaw(record, mark.ref);
  const shown = mark.findings.slice(0, MAX_SHOWN);
  // 「页面上写「5」」: the page's text set apart inside our words.
  const [pre = '', post = ''] = t('tip.written', ['$1']).split('$1');
  return (
    <div class="tip-body" data-tone={mark.severity}>
      <p class="tip-cell">
        <strong>{cellRefName(words(lang), record, mark.ref)}</strong>{' '}
        <span class="tip-raw">
          {raw ? (
            <>
              {pre}
              <span class="page-text" lang="zh-CN" data-page="">
                {raw}
              </span>
              {post}
            </>
          ) : (
            t('common.blankCell')
          )}
        </span>
      </p>
      {mark.suspect ? (
        <p class="tip-suspect">
          {mark.suspectValue === undefined ? t('tip.suspectNoValue') : t('tip.suspect', [String(mark.suspectValue)])}
        </p>
      ) : null}
      <ul class="tip-list">
        {shown.map((f) => {
          const x = findingText(record, f, lang);
          const dismissed = reviews[f.id]?.status === 'dismissed';
          return (
            <li key={f.id} class="tip-item" data-tone={f.severity} data-review={reviews[f.id]?.status}>
              <span class="finding-tag" data-tone={f.severity}>
                {severityLabel(f.severity)}
              </span>{' '}
              <span class="tip-head">
                <RichText text={x.title} />
              </span>
              {x.sides ? <span class="tip-sides">{x.sides}</span> : null}
              {dismissed ? <span class="tip-dismissed">{t('tip.dismissed')}</span> : null}
            </li>
          );
        })}
      </ul>
      {mark.findings.length > MAX_SHOWN ? <p class="tip-more">{t('tip.more', [String(mark.findings.length - MAX_SHOWN)])}</p> : null}
    </div>
  );
}

/** The accessible name of a mark: the cell and its worst finding, in one line. */
export function markLabel(record: ReportRecord, mark: MarkSpec): string {
  const lang = uiLang();
  const first = mark.findings[0];
  const parts = [cellRefName(words(lang), record, mark.ref), severityLabel(mark.severity)];
  if (mark.suspect) parts.push(t('common.suspectShort'));
  if (first) {
    const x = findingText(record, first, lang);
    parts.push(plain(x.title), x.sides ?? '');
  }
  return parts.filter(Boolean).join(lang === 'en' ? '; ' : '；');
}
