/** The finding renderer: every rule put into words in both languages, and English free of our Chinese. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FindingText, findingSentence, findingText, plain, RENDERERS, type Rich } from '../../components/findingText';
import { type Finding, type ReportRecord, RULES } from '../../lib';
import { fixtureRecord } from './helpers';

const MANIFEST = resolve(import.meta.dirname, '..', 'fixtures', 'pages', 'manifest.json');
const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;

/** Our words of rich text (the page's own words left out). */
const ours = (r: Rich | null): string => (r ?? []).map((p) => (typeof p === 'string' ? p : ' ')).join('');
const oursOf = (x: FindingText) => [ours(x.title), x.sides ?? '', ours(x.outcome), ours(x.suspect), x.note ?? ''].join('\n');

let records: ReportRecord[] = [];

beforeAll(async () => {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { file: string; agency?: string; year?: number }[];
  const plainOnes = await Promise.all(manifest.map((m) => fixtureRecord(m.file)));
  // Read again with last year's record where the fixtures hold one (the cross-year rules run then).
  const again = await Promise.all(
    manifest.map((m, i) => {
      const prev = plainOnes.findIndex(
        (r, j) => j !== i && r.report.agency === plainOnes[i]?.report.agency && r.report.year === (plainOnes[i]?.report.year ?? 0) - 1,
      );
      return prev >= 0 ? fixtureRecord(m.file, plainOnes[prev]) : null;
    }),
  );
  records = [...plainOnes, ...again.filter((r): r is ReportRecord => r !== null)];
}, 120_000);

const all = (): [ReportRecord, Finding][] => records.flatMap((r) => r.findings.map((f): [ReportRecord, Finding] => [r, f]));

describe('the messages', () => {
  it('hold nothing Chrome refuses to load: "$1$2" reads to it as a named placeholder', () => {
    for (const file of ['en.json', 'zh_CN.json']) {
      const text = readFileSync(resolve(import.meta.dirname, '..', '..', 'locales', file), 'utf8');
      expect(text, file).not.toMatch(/\$[1-9]\$/);
    }
  });
});

describe('the finding renderer', () => {
  it('has words for every registered rule', () => {
    for (const rule of RULES) {
      const id = rule.id === 'narrative' ? 'narrative' : rule.id;
      expect(RENDERERS[id], rule.id).toBeDefined();
    }
  });

  it('puts every finding of every fixture into words, in both languages', () => {
    const unknown = all()
      .flatMap(([r, f]) => (['en', 'zh_CN'] as const).map((lang) => [lang, f.id, findingText(r, f, lang).known] as const))
      .filter(([, , known]) => !known);
    expect(unknown).toEqual([]);
  });

  it.each(RULES.map((r) => r.id))('says %s in English with no Chinese of ours', (rule) => {
    const found = all().filter(
      ([, f]) => f.rule === rule || (rule === 'narrative' && f.rule.startsWith('narrative.') && f.rule !== 'narrative.percent'),
    );
    expect(found.length, `a fixture with a ${rule} finding`).toBeGreaterThan(0);
    for (const [r, f] of found) {
      const x = findingText(r, f, 'en');
      expect(oursOf(x), `${r.source.url} ${f.id}`).not.toMatch(CJK);
      expect(ours(findingSentence(r, f, 'en')), f.id).not.toMatch(CJK);
    }
  });

  it('states an equation with both sides, the difference and the likely wrong cell', async () => {
    const r = await fixtureRecord('typo-suspect.html');
    const f = r.findings.find((x) => x.status === 'fail' && x.suspect) as Finding;
    const en = findingText(r, f, 'en');
    const zh = findingText(r, f, 'zh_CN');
    expect(plain(en.title)).toMatch(/^(Row|Column) “.+”: /);
    expect(en.sides).toMatch(/ · difference [+−]\d+$/);
    expect(zh.sides).toMatch(/ · 相差 [+−]\d+$/);
    expect(plain(en.suspect ?? [])).toContain(`as ${f.suspectValue}, every failing equation would hold`);
    // The suspect's text on the page is the page's: a piece of its own, as written.
    const raw = r.tables.applications?.[f.suspect?.row as string]?.[f.suspect?.column as string]?.raw as string;
    expect(en.suspect).toContainEqual({ page: raw });
  });

  it('says a missing table in words, not as the record’s Chinese', async () => {
    const r = await fixtureRecord('seed000-plain.html');
    const missing: Finding = {
      id: 't4.total:reviewLitigation',
      rule: 't4.total',
      status: 'na',
      severity: 'error',
      message: '未找到表四，无法核对。',
      cells: [],
    };
    expect(plain(findingText(r, missing, 'en').title)).toBe('Table 4 not found: cannot be checked.');
    expect(plain(findingText(r, missing, 'zh_CN').title)).toBe('未找到表四，无法核对。');
  });

  it('keeps a rule it does not know in its own words, marked as untranslated', async () => {
    const r = await fixtureRecord('seed000-plain.html');
    const f: Finding = { id: 'future.rule:x', rule: 'future.rule', status: 'fail', severity: 'warning', message: '将来的检查', cells: [] };
    const x = findingText(r, f, 'en');
    expect(x.known).toBe(false);
    expect(x.title).toContainEqual({ page: '将来的检查' });
  });
});
