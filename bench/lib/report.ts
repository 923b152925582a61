/** The bench's one output: rows of section · metric · value · goal · met?, and notes. */
export interface Row {
  section: string;
  metric: string;
  value: string;
  goal: string;
  /** true/false when there is a goal; null when there is none, or its interval holds the goal (undecided). */
  met: boolean | null;
}

export class Report {
  rows: Row[] = [];
  notes: string[] = [];
  data: Record<string, unknown> = {};

  row(section: string, metric: string, value: string, goal = '', met: boolean | null = null): void {
    this.rows.push({ section, metric, value, goal, met });
  }

  note(text: string): void {
    this.notes.push(text);
  }

  table(): string {
    const body = this.rows.map((r) => [
      r.section,
      r.metric,
      r.value,
      r.goal || '—',
      r.met === null ? (r.goal ? 'undecided' : '—') : r.met ? 'yes' : 'NO',
    ]);
    return renderTable(['#', 'metric', 'value', 'goal', 'met?'], body);
  }
}

/** Columns padded to their widest cell (CJK characters count double, as a terminal shows them). */
function renderTable(head: string[], body: string[][]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) && !/[·×÷≤≥—–µ]/.test(ch) ? 2 : 1), 0);
  const cols = head.map((h, i) => Math.max(width(h), ...body.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat((cols[i] as number) - width(c)))
      .join('  ')
      .trimEnd();
  return [line(head), cols.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
