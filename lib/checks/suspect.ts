import type { CellRef, Finding, ReportRecord } from '../record/schema';
import { refKey } from '../tables/context';
import { isSafeFigure } from '../text/numerals';
import { evaluateChecked } from './blankLines';
import { cellAt, type Evaluated } from './equation';
import { t3Balance } from './t3Balance';
import { t3Equations } from './t3equations';
import { t3ResultsSum } from './t3ResultsSum';
import { t3RowTotal } from './t3RowTotal';

/**
 * When several 表三 equations fail, look for the one cell whose change would satisfy all of them
 * without breaking one that holds. If exactly one such cell exists, name it on every failure it
 * explains, with the value it would need.
 */
export function findSuspect(tables: ReportRecord['tables']): { ref: CellRef; value: number; explains: string[] } | null {
  const evaluated = t3Equations(tables).map((eq) => evaluateChecked(tables, eq));
  const failing = evaluated.filter((e) => e.status === 'fail');
  if (failing.length === 0) return null;
  const passing = evaluated.filter((e) => e.status === 'pass');
  const inPassing = new Set(passing.flatMap((e) => e.eq.terms.map((t) => refKey(t.ref))));

  const candidates: { ref: CellRef; delta: number }[] = [];
  const first = failing[0] as Evaluated;
  for (const term of first.eq.terms) {
    const key = refKey(term.ref);
    if (inPassing.has(key)) continue;
    let delta: number | null = null;
    let ok = true;
    for (const f of failing) {
      const t = f.eq.terms.find((x) => refKey(x.ref) === key);
      if (!t) {
        ok = false;
        break;
      }
      // residual + coef·d = 0
      const d = -f.residual / t.coef;
      if (delta === null) delta = d;
      else if (Math.abs(delta - d) > 1e-9) {
        ok = false;
        break;
      }
    }
    if (ok && delta !== null) candidates.push({ ref: term.ref, delta });
  }
  if (candidates.length !== 1) return null;
  const c = candidates[0] as { ref: CellRef; delta: number };
  const value = Math.round(((cellAt(tables, c.ref)?.value ?? 0) + c.delta) * 1e6) / 1e6;
  if (value < 0 || !isSafeFigure(value)) return null;
  return { ref: c.ref, value, explains: failing.map((f) => f.eq.id) };
}

/** The rules whose equations `findSuspect` solves (those of `t3Equations`). */
const T3_RULES = new Set([t3RowTotal.id, t3ResultsSum.id, t3Balance.id]);

export function applySuspect(findings: Finding[], tables: ReportRecord['tables']): void {
  // Most reports add up: with no 表三 equation failing there is nothing to explain.
  if (!findings.some((f) => f.status === 'fail' && T3_RULES.has(f.rule))) return;
  const s = findSuspect(tables);
  if (!s) return;
  const cell = cellAt(tables, s.ref);
  const shown = cell?.raw ? `「${cell.raw}」` : '空白';
  const explains = new Set(s.explains);
  for (const f of findings) {
    if (!explains.has(f.id)) continue;
    f.suspect = s.ref;
    f.suspectValue = s.value;
    f.message += `可能的错处：「${cell?.label ?? `${s.ref.row}/${s.ref.column}`}」一格（现为${shown}）；若改为 ${s.value}，这 ${explains.size} 个不相符的等式全部成立。`;
  }
}
