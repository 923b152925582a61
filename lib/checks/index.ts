import type { Finding } from '../record/schema';
import { drain, type Steps } from '../steps';
import { cellBlank } from './cellBlank';
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
  return findings;
}

export type { CheckInput, Rule } from './types';
