/**
 * Reports as attachments: every fixture report printed to PDF or written as DOCX
 * (tests/fixtures/attachments/) gives the record its HTML page gives — tables, findings, derived
 * figures, extras — apart from where cells were (`at`, `box`) and `source`; every PDF cell has a
 * box on its page around its text; scans and formats that cannot be read say so; and the command
 * line walks directories for all of them.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../cli/file';
import { nodePdfjs } from '../../cli/sources/pdf';
import { analyzeAttachmentFile } from '../../cli/sources/read';
import { type Cell, ReportRecord } from '../../lib/record/schema';
import { readPdf } from '../../lib/sources/pdf';
import { ATTACHMENTS } from '../fixtures/attachments/list';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FILES = join(ROOT, 'tests/fixtures/attachments/files');
const PAGES = join(ROOT, 'tests/fixtures/pages');
const CAPTURED = '2026-01-01T00:00:00.000Z';

const squash = (s: string | undefined) => s?.replace(/\s+/g, '');

/** A cell as the comparison sees it: what was read, not where. */
const cellView = (c: Cell) => ({ value: c.value, raw: c.raw, kind: c.kind, unit: c.unit, label: squash(c.label), notes: c.notes });

function eachCell(r: ReportRecord, f: (c: Cell, where: string) => void): void {
  for (const [t, rows] of Object.entries(r.tables))
    for (const [row, cols] of Object.entries(rows ?? {})) for (const [col, c] of Object.entries(cols)) f(c, `${t}.${row}.${col}`);
  r.extras?.forEach((e, i) => {
    for (const [k, c] of Object.entries(e.cells)) f(c, `extras.${i}.${k}`);
  });
}

/** The record without `source`, `reading` (tables a PDF joins are fewer) and the cells' places. */
function view(r: ReportRecord) {
  const tables = Object.fromEntries(
    Object.entries(r.tables).map(([t, rows]) => [
      t,
      Object.fromEntries(
        Object.entries(rows ?? {}).map(([row, cols]) => [row, Object.fromEntries(Object.entries(cols).map(([k, c]) => [k, cellView(c)]))]),
      ),
    ]),
  );
  return {
    // A PDF's lines wrap where the page did: the sections' text is compared without its white space.
    report: { ...r.report, sections: r.report.sections?.map((s) => ({ ...s, ...(s.text ? { text: s.text.replace(/\s+/g, '') } : {}) })) },
    tables,
    findings: r.findings.map((f) => ({
      id: f.id,
      status: f.status,
      severity: f.severity,
      expected: f.expected,
      actual: f.actual,
      difference: f.difference,
      cells: f.cells,
      assumedZero: f.assumedZero,
      suspect: f.suspect,
      suspectValue: f.suspectValue,
    })),
    derived: r.derived,
    extras: r.extras?.map((e) => ({
      table: e.table,
      kind: e.kind,
      label: squash(e.label),
      cells: Object.fromEntries(Object.entries(e.cells).map(([k, c]) => [k, cellView(c)])),
    })),
  };
}

const html = new Map<string, Promise<ReportRecord>>();
const htmlRecord = (page: string) => {
  const p = html.get(page) ?? analyzeFile(join(PAGES, page), CAPTURED);
  html.set(page, p);
  return p;
};

const readable = ATTACHMENTS.filter((a) => !a.scanned);

it('the committed attachments are the list the generator makes', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/attachments/manifest.json'), 'utf8'));
  expect(manifest).toEqual(JSON.parse(JSON.stringify(ATTACHMENTS)));
  expect(readdirSync(FILES).sort()).toEqual(ATTACHMENTS.map((a) => a.file).sort());
});

/** Every cell read from a PDF has its box on a page, around its text. */
async function expectBoxes(record: ReportRecord, file: string): Promise<void> {
  const { api, setup } = await nodePdfjs();
  const content = await readPdf(api, new Uint8Array(readFileSync(file)), setup);
  let boxed = 0;
  eachCell(record, (c, where) => {
    if (!c.box) {
      // Only a cell the template splits where the page merged it shares its neighbour's place.
      expect(
        c.notes?.some((n) => n.includes('合并')),
        `${where} has no box`,
      ).toBe(true);
      return;
    }
    boxed++;
    const page = content.pages[c.box.page - 1];
    expect(page, where).toBeDefined();
    const { x, y, w, h } = c.box;
    expect(w > 3 && h > 3 && x >= 0 && y >= 0 && x + w <= (page?.width ?? 0) + 1 && y + h <= (page?.height ?? 0) + 1, `${where} box`).toBe(
      true,
    );
    // A figure's text is drawn inside its box.
    if (c.kind === 'number' && /^\d+$/.test(c.raw)) {
      const inside = page?.runs.some(
        (r) => r.text.includes(c.raw) && r.x + r.w / 2 > x && r.x + r.w / 2 < x + w && r.y > y - 1 && r.y < y + h,
      );
      expect(inside, `${where} = ${c.raw} not inside its box`).toBe(true);
    }
  });
  expect(boxed).toBeGreaterThan(40);
}

describe('an attachment gives the record of its HTML page (and a PDF cell its place on the page)', () => {
  it.each(readable.map((a) => [a.file, a] as const))(
    '%s',
    async (_, a) => {
      const expected = await htmlRecord(a.from);
      // A file carries no 发布日期 of its own: the page that links it does, and is asked for it.
      const linkedFrom = expected.source.publishedAt ? { publishedAt: expected.source.publishedAt } : {};
      const record = ReportRecord.parse(await analyzeAttachmentFile(join(FILES, a.file), CAPTURED, undefined, linkedFrom));
      expect(record.source.kind).toBe(a.kind);
      expect(record.report.isReport).toBe(true);
      expect(view(record)).toEqual(view(expected));
      if (a.kind === 'pdf') await expectBoxes(record, join(FILES, a.file));
    },
    60_000,
  );
});

describe('what cannot be checked says so', () => {
  it('a scanned PDF: the tables are images, nothing could be checked (a failing warning, not a clean record)', async () => {
    const record = ReportRecord.parse(await analyzeFile(join(FILES, 'seed001-scanned.pdf'), CAPTURED));
    expect(record.source.kind).toBe('pdf');
    expect(record.tables).toEqual({});
    expect(record.findings.map((f) => [f.id, f.status, f.severity])).toEqual([['format.tablesAsImages:report', 'fail', 'warning']]);
  }, 60_000);

  it('a .doc, .wps or .ofd file: a na finding saying to save it as PDF or DOCX', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-doc-'));
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    writeFileSync(join(dir, 'a.doc'), ole);
    writeFileSync(join(dir, 'b.wps'), ole);
    // An OFD file is a zip holding OFD.xml.
    writeFileSync(join(dir, 'c.ofd'), Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from('\0\0\0\0OFD.xml')]));
    for (const [name, kind] of [
      ['a.doc', 'doc'],
      ['b.wps', 'wps'],
      ['c.ofd', 'ofd'],
    ] as const) {
      const r = ReportRecord.parse(await analyzeFile(join(dir, name), CAPTURED));
      expect(r.source.kind).toBe(kind);
      expect(r.findings.map((f) => [f.id, f.status])).toEqual([['source.unsupported:file', 'na']]);
      expect(r.findings[0]?.message).toMatch(/PDF/);
    }
  });

  it('a file that is not the PDF its name says: one parser.error finding, no crash', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nianbao-bad-')), 'broken.pdf');
    writeFileSync(file, 'not a pdf at all');
    const r = ReportRecord.parse(await analyzeFile(file, CAPTURED));
    expect(r.findings.map((f) => [f.id, f.status])).toEqual([['parser.error:page', 'na']]);
  }, 60_000);
});

describe('nianbao check on attachments', () => {
  it('walks a directory for .html, .pdf, .docx (and .doc) and prints one record each, in name order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-att-'));
    copyFileSync(join(FILES, 'typo-suspect.pdf'), join(dir, 'a.pdf'));
    copyFileSync(join(FILES, 'typo-suspect.docx'), join(dir, 'b.docx'));
    copyFileSync(join(PAGES, 'typo-suspect.html'), join(dir, 'c.html'));
    writeFileSync(join(dir, 'd.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    writeFileSync(join(dir, 'e.txt'), 'not a report');
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [join(ROOT, 'bin/nianbao.mjs'), 'check', dir], { cwd: ROOT, maxBuffer: 64 << 20 }, (err, out) =>
        resolve({ code: err ? 1 : 0, stdout: out }),
      );
    });
    expect(code).toBe(0);
    const records = (JSON.parse(stdout) as unknown[]).map((r) => ReportRecord.parse(r));
    expect(records.map((r) => r.source.kind)).toEqual(['pdf', 'docx', 'html', 'doc']);
    const failing = (r: ReportRecord) => r.findings.filter((f) => f.status === 'fail').map((f) => f.id);
    expect(failing(records[0] as ReportRecord)).toEqual(failing(records[2] as ReportRecord));
    expect(failing(records[0] as ReportRecord)).toEqual(['t3.rowTotal:withheld.thirdParty', 't3.resultsSum:commercial']);
    expect(records[0]?.tables.applications?.['withheld.thirdParty']?.commercial?.box).toMatchObject({ page: expect.any(Number) });
  }, 120_000);
});
