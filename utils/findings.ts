/**
 * What the panel, the marks, the popup and the badge show about a record, computed once from the
 * record alone (no DOM, no browser API), so each view stays a plain function of its props.
 */
import { type CellRef, type Finding, type ReportRecord, refKey, type Severity, type TableKey } from '@/lib';

export type Group = TableKey | 'page';

export const GROUP_ORDER: readonly Group[] = ['applications', 'reviewLitigation', 'activeDisclosure', 'page'];

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export const byRank = (a: Severity, b: Severity): Severity => (SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b);

export interface Counts {
  error: number;
  warning: number;
  info: number;
  /** Checks that could not run (a cell unreadable, a table missing). */
  na: number;
  pass: number;
}

/** Failures by severity, plus the checks that passed or could not run. */
export function countFindings(findings: readonly Finding[]): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0, na: 0, pass: 0 };
  for (const f of findings) {
    if (f.status === 'fail') c[f.severity]++;
    else c[f.status]++;
  }
  return c;
}

/** The badge number: failures a person should look at (errors and warnings; hints are not failures). */
export function failureCount(findings: readonly Finding[]): number {
  const c = countFindings(findings);
  return c.error + c.warning;
}

/** The table a finding is about: its cells' table, else the rule's; rules about the text and format go to 'page'. */
export function groupOf(f: Finding): Group {
  const t = f.suspect?.table ?? f.cells[0]?.table;
  if (t) return t;
  if (f.rule.startsWith('t3.')) return 'applications';
  if (f.rule.startsWith('t4.')) return 'reviewLitigation';
  const instance = f.id.slice(f.id.indexOf(':') + 1);
  if (instance === 'applications' || instance === 'reviewLitigation' || instance === 'activeDisclosure') return instance;
  return 'page';
}

const STATUS_RANK = { fail: 0, na: 1, pass: 2 } as const;

function compareFindings(a: Finding, b: Finding): number {
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    (a.status === 'fail' ? SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] : 0) ||
    Number(Boolean(b.suspect)) - Number(Boolean(a.suspect))
  );
}

export interface FindingGroup {
  group: Group;
  /** Failures, most severe first, those naming a suspect cell first among equals. */
  failing: Finding[];
  /** Checks that could not run. */
  na: Finding[];
  passed: Finding[];
}

/** Findings grouped by table in reading order; a group appears only when it has findings. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<Group, Finding[]>();
  for (const f of findings) groups.set(groupOf(f), [...(groups.get(groupOf(f)) ?? []), f]);
  return GROUP_ORDER.filter((g) => groups.has(g)).map((group) => {
    const list = [...(groups.get(group) ?? [])].sort(compareFindings);
    return {
      group,
      failing: list.filter((f) => f.status === 'fail'),
      na: list.filter((f) => f.status === 'na'),
      passed: list.filter((f) => f.status === 'pass'),
    };
  });
}

/** One cell to mark on the page: the strongest severity of the failures it takes part in. */
export interface MarkSpec {
  key: string;
  ref: CellRef;
  severity: Severity;
  /** The one cell the checker names as the likely error. */
  suspect: boolean;
  /** The value that would make every failing equation hold (on the suspect only). */
  suspectValue?: number;
  findings: Finding[];
}

/** Every cell involved in a failing finding (its cells and its suspect), keyed by `refKey`. */
export function markSpecs(findings: readonly Finding[]): Map<string, MarkSpec> {
  const out = new Map<string, MarkSpec>();
  const add = (ref: CellRef, f: Finding) => {
    const key = refKey(ref);
    const m = out.get(key);
    if (m) {
      m.severity = byRank(m.severity, f.severity);
      if (!m.findings.includes(f)) m.findings.push(f);
    } else out.set(key, { key, ref, severity: f.severity, suspect: false, findings: [f] });
  };
  for (const f of findings) {
    if (f.status !== 'fail') continue;
    for (const ref of f.cells) add(ref, f);
    if (f.suspect) add(f.suspect, f);
  }
  for (const f of findings) {
    if (f.status !== 'fail' || !f.suspect) continue;
    const m = out.get(refKey(f.suspect));
    if (!m) continue;
    m.suspect = true;
    m.severity = byRank(m.severity, f.severity);
    if (f.suspectValue !== undefined) m.suspectValue = f.suspectValue;
  }
  return out;
}

/** The cells a finding points at, the suspect first. */
export function findingRefs(f: Finding): CellRef[] {
  const refs = f.suspect ? [f.suspect, ...f.cells.filter((c) => refKey(c) !== refKey(f.suspect as CellRef))] : [...f.cells];
  return refs;
}

/** The cell's official label (「（一）予以公开 / 总计」), else its keys. */
export function cellLabel(record: ReportRecord, ref: CellRef): string {
  const cell = record.tables[ref.table]?.[ref.row]?.[ref.column];
  return cell?.label ?? `${ref.row} / ${ref.column}`;
}

/** The text a cell shows on the page, or null when the record has no such cell. */
export function cellRaw(record: ReportRecord, ref: CellRef): string | null {
  const cell = record.tables[ref.table]?.[ref.row]?.[ref.column];
  return cell ? cell.raw : null;
}

/** A number as the report would write it: integers plain, decimals to two places, a sign when asked. */
export function formatNumber(n: number, { sign = false } = {}): string {
  const s = Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, '');
  return sign && n > 0 ? `+${s}` : s;
}

/** A derived ratio as a percentage with one decimal. */
export function formatRate(r: number): string {
  return `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
}
