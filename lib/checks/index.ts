import type { Finding } from '../record/schema';
import { drain, type Steps } from '../steps';
import { isSafeFigure } from '../text/numerals';
import { cellBlank } from './cellBlank';
import { cellBlankLine } from './cellBlankLine';
import { cellDomain } from './cellDomain';
import { cellText } from './cellText';
import { contentFees } from './contentFees';
import { contentProblems } from './contentProblems';
import { crossYearCarryOver } from './crossYearCarryOver';
import { crossYearInForce } from './crossYearInForce';
import { formatLabels } from './formatLabels';
import { formatSections } from './formatSections';
import { formatTablesAsImages } from './formatTablesAsImages';
import { formatVersion } from './formatVersion';
import { narrative } from './narrative';
import { narrativePercent } from './narrativePercent';
import { publishDeadline } from './publishDeadline';
import { applySuspect } from './suspect';
import { t3Balance } from './t3Balance';
import { t3ResultsSum } from './t3ResultsSum';
import { t3RowTotal } from './t3RowTotal';
import { t4Total } from './t4Total';
import { textSimilarity } from './textSimilarity';
import type { CheckInput, Rule } from './types';
import { yearConsistency } from './yearConsistency';

/** Every rule of rules.md, in the order findings are listed. */
export const RULES: readonly Rule[] = [
  t3RowTotal,
  t3ResultsSum,
  t3Balance,
  t4Total,
  cellDomain,
  cellBlank,
  cellBlankLine,
  cellText,
  formatVersion,
  formatLabels,
  formatSections,
  formatTablesAsImages,
  yearConsistency,
  narrative,
  crossYearCarryOver,
  crossYearInForce,
  publishDeadline,
  textSimilarity,
  contentProblems,
  contentFees,
  narrativePercent,
];

/** Run every rule; a rule that throws becomes an `na` finding instead of breaking the run. */
export function runChecks(input: CheckInput): Finding[] {
  return drain(checkSteps(input));
}

/** `runChecks` one rule per step (see `analyzeSteps`). */
export function* checkSteps(input: CheckInput): Steps<Finding[]> {
  const findings: Finding[] = [];
  for (const [i, rule] of RULES.entries()) {
    if (i > 0) yield;
    try {
      findings.push(...(rule.steps ? yield* rule.steps(input) : rule.run(input)));
    } catch (e) {
      findings.push({
        id: `${rule.id}:error`,
        rule: rule.id,
        status: 'na',
        severity: rule.severity,
        message: `检查「${rule.title}」时出错：${e instanceof Error ? e.message : String(e)}`,
        cells: [],
      });
    }
  }
  applySuspect(findings, input.tables);
  for (const f of findings) keepExact(f);
  return findings;
}

const FIGURES = ['expected', 'actual', 'difference', 'suspectValue'] as const;

/**
 * Every figure of a finding is exact and survives JSON: the rules keep them so (cells are safe, sums
 * beyond 2^53 are na), and this is the net for any that does not, e.g. last year's record as stored.
 */
function keepExact(f: Finding): void {
  for (const k of FIGURES) {
    const v = f[k];
    if (v === undefined || (v !== 0 && isSafeFigure(v))) continue;
    if (v === 0) {
      f[k] = 0;
      continue;
    }
    for (const j of FIGURES) delete f[j];
    delete f.suspect;
    f.status = 'na';
    f.message += '（数字过大，超出可精确计算的范围，无法核对）';
    return;
  }
}

export type { CheckInput, Rule } from './types';
