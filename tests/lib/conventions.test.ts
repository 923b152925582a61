import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../lib/checks';
import type { ReportRecord, Status } from '../../lib/record/schema';
import { analyzeFixture, FIXTURES } from './helpers';

/** Pairs of fixtures where the second is last year's report of the first's body. */
const PREVIOUS: Record<string, string> = {
  'cross-year-2023.html': 'cross-year-2022.html',
  'cross-year-2023-bad.html': 'cross-year-2022.html',
  'seed000-plain.html': 'similar-copy-2022.html',
  'seed003-plain.html': 'similar-rewritten-2022.html',
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

  it('every rule in the registry has a fixture where it passes and one where it fails', () => {
    const seen = new Map<string, Set<Status>>();
    for (const r of records.values()) {
      for (const f of r.findings) {
        // The rule itself, else the rule whose finding rules it prefixes (narrative → narrative.granted):
        // narrative.percent is a rule of its own, not one of narrative's figures.
        const rule = RULES.find((x) => f.rule === x.id) ?? RULES.find((x) => f.rule.startsWith(`${x.id}.`));
        if (!rule) continue;
        const s = seen.get(rule.id) ?? new Set<Status>();
        s.add(f.status);
        seen.set(rule.id, s);
      }
    }
    const missing = RULES.flatMap((rule) =>
      (['pass', 'fail'] as const).filter((st) => !seen.get(rule.id)?.has(st)).map((st) => `${rule.id} never ${st}s`),
    );
    expect(missing).toEqual([]);
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

  it('every fixture is listed in the manifest, and its record passes the schema', () => {
    const manifest = JSON.parse(readFileSync(new URL('manifest.json', FIXTURES), 'utf8')) as { file: string }[];
    expect(new Set(manifest.map((m) => m.file))).toEqual(new Set(records.keys()));
  });
});
