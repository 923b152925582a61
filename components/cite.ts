/**
 * A finding as a citation a journalist or an inspector can paste: the agency and year, the finding
 * in words with both sides, the quoted sentence, the address and the date read; and all the
 * confirmed findings of a report at once. Pure, in the language asked for.
 */
import type { Finding, ReportRecord } from '@/lib';
import type { Reviews } from '@/utils/reviews/store';
import { findingSentence, plain } from './findingText';
import { type UiLang, words } from './words';

/** The report a citation is from: 「鼓楼区…局《2023 年度政府信息公开工作年度报告》」. */
function head(record: ReportRecord, lang: UiLang): string {
  const w = words(lang);
  const agency = record.report.agency ?? w.t('common.agencyUnknown');
  return w.t('cite.head', [agency, record.report.year ?? w.t('common.yearUnknown')]);
}

function source(record: ReportRecord, lang: UiLang): string {
  const w = words(lang);
  const url = record.source.pageUrl ?? record.source.url;
  return w.t('cite.source', [url, record.source.capturedAt.slice(0, 10)]);
}

/** One finding's body: what it says, the quoted sentence, the person's note. */
function body(record: ReportRecord, f: Finding, reviews: Reviews, lang: UiLang): string[] {
  const w = words(lang);
  const lines = [plain(findingSentence(record, f, lang))];
  if (f.quote) lines.push(w.t('cite.quote', [w.q(f.quote)]));
  const note = reviews[f.id]?.note;
  if (note) lines.push(w.t('cite.note', [note]));
  return lines;
}

/** One finding, ready to paste. */
export function citation(record: ReportRecord, f: Finding, reviews: Reviews, lang: UiLang): string {
  const sep = lang === 'en' ? ': ' : '：';
  return [`${head(record, lang)}${sep}${body(record, f, reviews, lang).join(' ')}`, source(record, lang)].join('\n');
}

/** Every confirmed finding of the report, numbered, with the report and the address once. */
export function confirmedCitations(record: ReportRecord, reviews: Reviews, lang: UiLang): string | null {
  const confirmed = record.findings.filter((f) => reviews[f.id]?.status === 'confirmed');
  if (confirmed.length === 0) return null;
  const items = confirmed.map((f, i) => `${i + 1}. ${body(record, f, reviews, lang).join(' ')}`);
  return [head(record, lang), ...items, source(record, lang)].join('\n');
}
