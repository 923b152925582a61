/** What a marked cell is part of, in words: the tooltip beside it and the mark's accessible name. */
import type { ReportRecord } from '@/lib';
import { cellLabel, cellRaw, type MarkSpec } from '@/utils/findings';
import { headline, severityLabel, sidesText, t, tableShort } from './text';

export interface MarkTipProps {
  record: ReportRecord;
  mark: MarkSpec;
}

const MAX_SHOWN = 4;

/** What a marked cell is part of, in words: for each failure the formula, both sides and the difference. */
export function MarkTip({ record, mark }: MarkTipProps) {
  const raw = cellRaw(record, mark.ref);
  const shown = mark.findings.slice(0, MAX_SHOWN);
  return (
    <div class="tip-body" data-tone={mark.severity}>
      <p class="tip-cell">
        <strong>
          {tableShort(mark.ref.table)} 「{cellLabel(record, mark.ref)}」
        </strong>{' '}
        <span class="tip-raw">{raw ? t('tip.written', [raw]) : t('common.blankCell')}</span>
      </p>
      {mark.suspect ? (
        <p class="tip-suspect">
          {mark.suspectValue === undefined ? t('tip.suspectNoValue') : t('tip.suspect', [String(mark.suspectValue)])}
        </p>
      ) : null}
      <ul class="tip-list">
        {shown.map((f) => {
          const sides = sidesText(f);
          return (
            <li key={f.id} class="tip-item" data-tone={f.severity}>
              <span class="finding-tag" data-tone={f.severity}>
                {severityLabel(f.severity)}
              </span>{' '}
              <span class="tip-head">{headline(f)}</span>
              {sides ? <span class="tip-sides">{sides}</span> : null}
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
  const first = mark.findings[0];
  const parts = [`${tableShort(mark.ref.table)} 「${cellLabel(record, mark.ref)}」`, severityLabel(mark.severity)];
  if (mark.suspect) parts.push(t('common.suspectShort'));
  if (first) parts.push(headline(first), sidesText(first) ?? '');
  return parts.filter(Boolean).join('；');
}
