/**
 * The report's verdict in words, in the language asked for: what was found, what could not be
 * checked (a table missing is never "all well"), and the person's verdicts on the findings. Pure,
 * for the panel and the popup.
 */
import type { Finding, ReportRecord, TableKey } from '@/lib';
import { countFindings } from '@/utils/findings';
import { countReviews } from '@/utils/reviews/count';
import type { Reviews } from '@/utils/reviews/store';
import { tableName } from './findingText';
import { type UiLang, words } from './words';

/** error · warning: failures; partial: nothing failed but a table could not be read; clean; nothing: no figure checked. */
export type VerdictTone = 'error' | 'warning' | 'clean' | 'partial' | 'nothing';

export interface Verdict {
  tone: VerdictTone;
  /** What was found ("2 errors · 1 warning"), or that nothing was. */
  found: string;
  /** What could not be checked, or null when everything could. */
  unchecked: string | null;
  /** 「已确认 3 · 已排除 1」, or null before a person has said anything. */
  reviews: string | null;
}

const TABLES: readonly TableKey[] = ['applications', 'reviewLitigation', 'activeDisclosure'];

/** The checks that did not run because their table is missing (`<rule>:<table>`, no cells), by table. */
export function missingTables(findings: readonly Finding[]): Map<TableKey, Finding[]> {
  const out = new Map<TableKey, Finding[]>();
  for (const f of findings) {
    const inst = f.id.slice(f.id.indexOf(':') + 1) as TableKey;
    if (f.status !== 'na' || f.cells.length > 0 || !TABLES.includes(inst)) continue;
    out.set(inst, [...(out.get(inst) ?? []), f]);
  }
  return out;
}

export function verdict(record: ReportRecord, reviews: Reviews, lang: UiLang): Verdict {
  const w = words(lang);
  const c = countFindings(record.findings);
  const failures = (['error', 'warning', 'info'] as const).filter((k) => c[k] > 0).map((k) => w.n(`common.count.${k}`, c[k]));
  const missing = missingTables(record.findings);
  const unchecked = [...missing].map(([table, list]) =>
    w.t('panel.verdict.tableMissing', [tableName(w, table), w.n('panel.verdict.checks', list.length)]),
  );
  const anyChecked = c.pass + c.error + c.warning + c.info > 0;
  const tone: VerdictTone =
    c.error > 0 ? 'error' : c.warning > 0 ? 'warning' : !anyChecked ? 'nothing' : unchecked.length ? 'partial' : 'clean';
  const found =
    failures.length > 0
      ? w.t('panel.verdict.failures', [failures.join(' · ')])
      : tone === 'nothing'
        ? w.t('panel.nothingChecked')
        : tone === 'partial'
          ? w.t('panel.verdict.partial')
          : w.t('panel.verdict.clean');
  const r = countReviews(record.findings, reviews);
  return {
    tone,
    found,
    unchecked: unchecked.length ? w.t('panel.verdict.unchecked', [w.list(unchecked)]) : null,
    reviews: r.confirmed + r.dismissed > 0 ? w.t('panel.verdict.reviews', [r.confirmed, r.dismissed]) : null,
  };
}
