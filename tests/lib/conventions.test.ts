/**
 * The house rules every rule and fixture keeps: each rule in the registry passes on one fixture and
 * fails on another (one test per rule, so a rule added later fails here until it has both), finding
 * ids are `<rule>:<instance>` and unique, every rule has a Chinese title and a file of its own, and
 * every fixture is in the manifest with a record that passes the schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../lib/checks';
import { type Finding, ReportRecord } from '../../lib/record/schema';
import { analyzeFixture, FIXTURES } from './helpers';

/** Pairs of fixtures where the second is last year's report of the first's body. */
const PREVIOUS: Record<string, string> = {
  'cross-year-2023.html': 'cross-year-2022.html',
  'cross-year-2023-bad.html': 'cross-year-2022.html',
  'seed000-plain.html': 'similar-copy-2022.html',
  'seed003-plain.html': 'similar-rewritten-2022.html',
  // Another body's text as "last year's": nothing repeats, so text.similarity passes.
  'seed002-plain.html': 'similar-rewritten-2022.html',
};

/**
 * For every rule: a fixture where it has findings and none fails, and one where it fails with exactly
 * these finding ids. A new rule needs its line here (and, when no fixture shows it yet, a page in
 * tests/fixtures/src/shapes-<name>.ts).
 */
const WITNESSES: Record<string, { passes: string; fails: string; failing: string[] }> = {
  't3.rowTotal': { passes: 'seed001-plain.html', fails: 'typo-total.html', failing: ['t3.rowTotal:totalProcessed'] },
  't3.resultsSum': { passes: 'seed001-plain.html', fails: 'typo-suspect.html', failing: ['t3.resultsSum:commercial'] },
  't3.balance': { passes: 'seed001-plain.html', fails: 'typo-total.html', failing: ['t3.balance:naturalPerson'] },
  't4.total': { passes: 'seed001-plain.html', fails: 't4-inconsistent.html', failing: ['t4.total:review'] },
  'cell.domain': { passes: 'seed001-plain.html', fails: 'domain-error.html', failing: ['cell.domain:applications'] },
  'cell.blank': { passes: 'seed001-plain.html', fails: 'worked-case.html', failing: ['cell.blank:applications'] },
  'cell.blankLine': {
    passes: 'seed001-plain.html',
    fails: 'blank-total-column.html',
    failing: ['cell.blankLine:applications.column.total'],
  },
  'cell.text': {
    passes: 'seed001-plain.html',
    fails: 'seed000-plain.html',
    failing: ['cell.text:activeDisclosure.licensing.decisions', 'cell.text:activeDisclosure.punishment.decisions'],
  },
  'format.version': { passes: 'seed001-plain.html', fails: 'year2022-on-2019-template.html', failing: ['format.version:report'] },
  'format.labels': { passes: 'seed001-plain.html', fails: 'extra-rows-columns.html', failing: ['format.labels:applications'] },
  'format.sections': { passes: 'seed001-plain.html', fails: 'sections-missing.html', failing: ['format.sections:report'] },
  'format.tablesAsImages': { passes: 'seed001-plain.html', fails: 'tables-as-images.html', failing: ['format.tablesAsImages:report'] },
  'year.consistency': { passes: 'seed001-plain.html', fails: 'year-mismatch.html', failing: ['year.consistency:report'] },
  narrative: {
    passes: 'seed000-plain.html',
    fails: 'narrative-contradiction.html',
    failing: ['narrative.granted:1', 'narrative.review:1'],
  },
  'crossYear.carryOver': {
    passes: 'cross-year-2023.html',
    fails: 'cross-year-2023-bad.html',
    failing: ['crossYear.carryOver:commercial', 'crossYear.carryOver:total'],
  },
  'crossYear.inForce': { passes: 'cross-year-2023.html', fails: 'cross-year-2023-bad.html', failing: ['crossYear.inForce:regulations'] },
  'publish.deadline': {
    passes: 'deadline-county-government.html',
    fails: 'deadline-late-department.html',
    failing: ['publish.deadline:report'],
  },
  'text.similarity': {
    passes: 'seed002-plain.html',
    fails: 'seed000-plain.html',
    failing: ['text.similarity:section1', 'text.similarity:section5', 'text.similarity:section6'],
  },
  'content.problems': { passes: 'seed001-plain.html', fails: 'deadline-late-department.html', failing: ['content.problems:section5'] },
  'content.fees': { passes: 'seed001-plain.html', fails: 'deadline-late-department.html', failing: ['content.fees:section6'] },
  'narrative.percent': {
    passes: 'deadline-county-government.html',
    fails: 'deadline-late-department.html',
    failing: ['narrative.percent:1', 'narrative.percent:2'],
  },
};

function allRecords(): Map<string, ReportRecord> {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.html'));
  const out = new Map<string, ReportRecord>();
  for (const f of files) {
    const prev = PREVIOUS[f];
    out.set(f, analyzeFixture(f, prev ? { previous: analyzeFixture(prev).record } : {}).record);
  }
  return out;
}

describe('conventions', () => {
  const records = allRecords();
  // A finding belongs to its rule, else to the rule whose finding rules it prefixes (narrative →
  // narrative.granted); narrative.percent is a rule of its own, not one of narrative's figures.
  const ruleOf = (f: Finding): string | undefined =>
    RULES.find((r) => f.rule === r.id)?.id ?? RULES.find((r) => f.rule.startsWith(`${r.id}.`))?.id;
  const ofRule = (id: string, file: string): Finding[] => records.get(file)?.findings.filter((f) => ruleOf(f) === id) ?? [];

  it.each(RULES.map((r) => r.id))('%s has a fixture where it passes and one where it fails', (id) => {
    const w = WITNESSES[id];
    if (!w) throw new Error(`rule ${id} has no fixtures to pass and fail on: add it to WITNESSES in tests/lib/conventions.test.ts`);
    const passing = ofRule(id, w.passes);
    expect(passing.length, `rule ${id} reports nothing on ${w.passes}, its passing fixture`).toBeGreaterThan(0);
    expect(
      passing.filter((f) => f.status === 'fail').map((f) => f.id),
      `rule ${id} fails on ${w.passes}, its passing fixture`,
    ).toEqual([]);
    expect(
      passing.some((f) => f.status === 'pass'),
      `rule ${id} never passes on ${w.passes}`,
    ).toBe(true);
    expect(
      ofRule(id, w.fails)
        .filter((f) => f.status === 'fail')
        .map((f) => f.id)
        .sort(),
      `rule ${id} on ${w.fails}, its failing fixture`,
    ).toEqual(w.failing);
  });

  it('names fixtures only for rules in the registry', () => {
    expect(Object.keys(WITNESSES).filter((id) => !RULES.some((r) => r.id === id))).toEqual([]);
  });

  it('every finding id is `<rule>:<instance>` and unique within its record', () => {
    for (const [file, r] of records) {
      const ids = r.findings.map((f) => f.id);
      expect(new Set(ids).size, file).toBe(ids.length);
      for (const f of r.findings) expect(f.id.startsWith(`${f.rule}:`), `${file} ${f.id}`).toBe(true);
    }
  });

  it('every rule has a Chinese title and its own file', () => {
    const index = readFileSync(new URL('../../lib/checks/index.ts', import.meta.url), 'utf8');
    for (const rule of RULES) {
      expect(rule.title).toMatch(/[\u4e00-\u9fff]/);
      expect(index).toMatch(new RegExp(`import \\{ ${rule.id.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase())} \\} from './`));
    }
  });

  it('every fixture is listed in the manifest', () => {
    const manifest = JSON.parse(readFileSync(new URL('manifest.json', FIXTURES), 'utf8')) as { file: string }[];
    expect(new Set(manifest.map((m) => m.file))).toEqual(new Set(records.keys()));
  });

  it('every fixture’s record passes the schema', () => {
    const invalid = [...records].flatMap(([file, r]) => {
      const parsed = ReportRecord.safeParse(r);
      return parsed.success ? [] : [`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`];
    });
    expect(invalid).toEqual([]);
    expect(records.size).toBeGreaterThan(30);
  });
});
