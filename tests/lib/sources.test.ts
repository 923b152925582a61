/**
 * The PDF reader on synthetic page data: grids from rulings (merged cells, missing rulings), tables
 * without rulings, tables continued over pages, paragraphs and furniture; the operator-list replay;
 * telling a file's kind from its bytes.
 */
import { JSDOM } from 'jsdom';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { readBox } from '../../lib/grid/box';
import { fileKind } from '../../lib/sources/kind';
import { pdfToDocument } from '../../lib/sources/pdf';
import { joinTables } from '../../lib/sources/pdf/continued';
import { splitWideSpaces } from '../../lib/sources/pdf/lines';
import { type OpCodes, readOperators } from '../../lib/sources/pdf/ops';
import type { PdfPage, Ruling, TextRun } from '../../lib/sources/pdf/page';
import type { PdfTable } from '../../lib/sources/pdf/table';
import { scannedRecord, unsupportedRecord } from '../../lib/sources/records';

const SIZE = 10;
const WIDE = /[\u3000-\u9fff\uff00-\uffef]/;

/** A run of text whose baseline starts at (x, y): CJK characters one em wide, others half an em. */
function run(text: string, x: number, y: number, size = SIZE): TextRun {
  const w = [...text].reduce((s, c) => s + (WIDE.test(c) ? size : size / 2), 0);
  return { text, x, y, w, size };
}

const h = (at: number, from: number, to: number): Ruling => ({ dir: 'h', at, from, to });
const v = (at: number, from: number, to: number): Ruling => ({ dir: 'v', at, from, to });

/** Every row and column line of a grid (xs left to right, ys top to bottom), minus the pieces `skip` leaves out. */
function grid(xs: number[], ys: number[], skip: (r: Ruling) => boolean = () => false): Ruling[] {
  const out: Ruling[] = [];
  for (const y of ys) for (let c = 0; c + 1 < xs.length; c++) out.push(h(y, xs[c] as number, xs[c + 1] as number));
  for (const x of xs) for (let r = 0; r + 1 < ys.length; r++) out.push(v(x, ys[r + 1] as number, ys[r] as number));
  return out.filter((r) => !skip(r));
}

const page = (n: number, runs: TextRun[], rulings: Ruling[] = []): PdfPage => ({
  page: n,
  width: 600,
  height: 800,
  runs,
  rulings,
  images: [],
});

function read(...pages: PdfPage[]): Document {
  return pdfToDocument({ pages }, new JSDOM('').window.document.implementation);
}

/** A table as rows of `text[rowspan×colspan]` (spans shown only when > 1). */
function cells(table: Element): string[][] {
  return Array.from(table.querySelectorAll('tr')).map((tr) =>
    Array.from(tr.querySelectorAll('td')).map((td) => {
      const rs = Number(td.getAttribute('rowspan') ?? 1);
      const cs = Number(td.getAttribute('colspan') ?? 1);
      return rs > 1 || cs > 1 ? `${td.textContent}[${rs}×${cs}]` : (td.textContent ?? '');
    }),
  );
}

describe('ruled tables', () => {
  const xs = [100, 200, 300, 400];
  const ys = [700, 680, 660, 640];
  // Row 0: one header cell over the last two columns (no line at x=300 in row 0);
  // column 0: one label cell over rows 1 and 2 (no line at y=660 in column 0).
  const rulings = grid(
    xs,
    ys,
    (r) => (r.dir === 'v' && r.at === 300 && r.from === 680) || (r.dir === 'h' && r.at === 660 && r.from === 100),
  );
  const runs = [
    run('项目', 110, 686),
    run('申请人情况', 260, 686),
    // A label wrapped where the cell was full (8 characters in 80 of room): joined without a space.
    run('本年新收政府信息', 110, 666),
    run('公开申请', 110, 656),
    run('18', 210, 666),
    run('0', 310, 666),
    run('2', 210, 646),
    run('3', 310, 646),
  ];

  it('merges slots where a ruling is missing, and places each run in the cell under it', () => {
    const doc = read(page(1, runs, rulings));
    const table = doc.querySelector('table[data-pdf]') as Element;
    expect(cells(table)).toEqual([
      ['项目', '申请人情况[1×2]'],
      ['本年新收政府信息公开申请[2×1]', '18', '0'],
      ['2', '3'],
    ]);
  });

  it('gives every cell its page and box in PDF units', () => {
    const td = read(page(1, runs, rulings)).querySelectorAll('td')[1] as Element;
    expect(readBox(td)).toEqual({ page: 1, x: 200, y: 680, w: 200, h: 20 });
  });

  it('splits a run that crosses a column boundary between the cells', () => {
    const doc = read(page(1, [run('甲乙丙丁', 170, 646)], grid([100, 200, 300], [700, 640])));
    expect(cells(doc.querySelector('table') as Element)).toEqual([['甲乙丙', '丁']]);
  });

  it('takes a box around one paragraph for no table', () => {
    const doc = read(page(1, [run('注：本表数据截至年底。', 110, 686)], grid([100, 400], [700, 680])));
    expect(doc.querySelector('table')).toBeNull();
    expect(doc.body.textContent).toContain('注：本表数据截至年底。');
  });

  it('tells two tables stacked without a gap apart where their inner lines end and start', () => {
    // Two 2×2 tables of the same width, touching at y=660, their middle lines at different x.
    const top = grid([100, 250, 400], [700, 680, 660]);
    const bottom = grid([100, 150, 400], [660, 640, 620]);
    const doc = read(page(1, [run('a', 110, 686), run('b', 160, 646)], [...top, ...bottom]));
    expect(doc.querySelectorAll('table').length).toBe(2);
  });
});

describe('tables without rulings', () => {
  // A header, then labels left and figures right; the group label 「（三）不予公开」 stands between
  // the two rows it belongs to, as a browser centres a rowspan=2 cell.
  const runs = [
    // Header cells centred in their columns, as browsers set <th>.
    run('项目', 187, 700),
    run('自然人', 297, 700),
    run('总计', 380, 700),
    run('（一）予以公开', 100, 680),
    run('5', 300, 680),
    run('5', 380, 680),
    run('（三）不予公开', 100, 651),
    run('1.国家秘密', 200, 660),
    run('0', 300, 660),
    run('0', 380, 660),
    run('2.其他', 200, 640),
    run('1', 300, 640),
    run('1', 380, 640),
    run('（七）总计', 100, 620),
    run('6', 300, 620),
    run('6', 380, 620),
  ];

  it('finds columns from the figures and the labels, rows from the lines, spans from where labels stand', () => {
    const doc = read(page(1, runs));
    expect(cells(doc.querySelector('table') as Element)).toEqual([
      ['项目[1×2]', '自然人', '总计'],
      ['（一）予以公开[1×2]', '5', '5'],
      ['（三）不予公开[2×1]', '1.国家秘密', '0', '0'],
      ['2.其他', '1', '1'],
      ['（七）总计[1×2]', '6', '6'],
    ]);
  });

  it('leaves prose alone: a paragraph with a figure in it is no table', () => {
    const doc = read(page(1, [run('2023年共收到申请18件，办结16件。', 100, 700), run('其中予以公开5件。', 100, 680)]));
    expect(doc.querySelector('table')).toBeNull();
  });
});

describe('tables continued on the next page', () => {
  const base = (rows: string[][], pageNo: number, top = 700): PdfTable => ({
    page: pageNo,
    lastPage: pageNo,
    xs: [100, 200, 300],
    top,
    bottom: top - rows.length * 20,
    rows: rows.length,
    cells: rows.flatMap((r, i) =>
      r.map((text, c) => ({
        row: i,
        col: c,
        rowspan: 1,
        colspan: 1,
        text,
        page: pageNo,
        box: { x: 100 + c * 100, y: top - (i + 1) * 20, w: 100, h: 20 },
      })),
    ),
    ruled: true,
    openTop: [false, false],
    openBottom: [false, false],
  });

  it('drops the header the next part repeats', () => {
    const joined = joinTables(
      base(
        [
          ['项目', '件数'],
          ['新收', '18'],
        ],
        1,
      ),
      base(
        [
          ['项目', '件数'],
          ['结转', '2'],
        ],
        2,
      ),
    );
    expect(joined.rows).toBe(3);
    expect(joined.cells.map((c) => `${c.row}:${c.text}`)).toEqual(['0:项目', '0:件数', '1:新收', '1:18', '2:结转', '2:2']);
    expect(joined.cells.find((c) => c.text === '结转')?.page).toBe(2);
  });

  it('makes a row cut by the page break one row again (its edges left open on both pages)', () => {
    const before = {
      ...base(
        [
          ['项目', '件数'],
          ['本机关不掌握相关', '6'],
        ],
        1,
      ),
      openBottom: [true, true],
    };
    const after = {
      ...base(
        [
          ['政府信息', ''],
          ['重复申请', '0'],
        ],
        2,
      ),
      openTop: [true, true],
    };
    const joined = joinTables(before, after);
    expect(joined.rows).toBe(3);
    expect(joined.cells.filter((c) => c.row === 1).map((c) => c.text)).toEqual(['本机关不掌握相关政府信息', '6']);
  });

  it('joins ruled parts on two pages into one table, under 「续表」 and a page number', () => {
    const xs = [100, 200, 300];
    const first = page(
      1,
      [run('项目', 110, 106), run('件数', 210, 106), run('新收', 110, 86), run('18', 210, 86), run('- 1 -', 290, 30)],
      grid(xs, [120, 100, 80]),
    );
    const second = page(
      2,
      [
        run('续表', 100, 760),
        run('项目', 110, 726),
        run('件数', 210, 726),
        run('结转', 110, 706),
        run('2', 210, 706),
        run('- 2 -', 290, 30),
      ],
      grid(xs, [740, 720, 700]),
    );
    const doc = read(first, second);
    expect(doc.querySelectorAll('table').length).toBe(1);
    expect(cells(doc.querySelector('table') as Element)).toEqual([
      ['项目', '件数'],
      ['新收', '18'],
      ['结转', '2'],
    ]);
    expect(doc.body.textContent).not.toMatch(/续表|- 1 -/);
  });
});

describe('paragraphs', () => {
  it('joins wrapped lines (across a page too), breaks at an indent, and takes the larger first line for the title', () => {
    const doc = read(
      // Lines 20 characters wide (100 to 300), first lines indented by two; a heading line alone.
      page(1, [
        run('某区2023年政府信息公开工作年度报告', 110, 760, 16),
        run('一、总体情况', 100, 720),
        run('本年度共收到政府信息公开申请十八件，', 120, 700),
        run('办结十六件。', 100, 685),
        run('全年主动公开政府信息四百余条，政策', 120, 665),
        run('解读十六件，持续推进政务公开，本页末行', 100, 650),
      ]),
      page(2, [run('写满了，到下一页继续。', 100, 760), run('另起一段，不缩进也不接上。', 120, 745)]),
    );
    expect(doc.querySelector('h1')?.textContent).toBe('某区2023年政府信息公开工作年度报告');
    expect(Array.from(doc.querySelectorAll('p')).map((p) => p.textContent)).toEqual([
      '一、总体情况',
      '本年度共收到政府信息公开申请十八件，办结十六件。',
      '全年主动公开政府信息四百余条，政策解读十六件，持续推进政务公开，本页末行写满了，到下一页继续。',
      '另起一段，不缩进也不接上。',
    ]);
  });

  it('keeps the space where a line was wrapped between two words', () => {
    const doc = read(page(1, [run('参与制定了《基层政务公开工作指南》（GB/T', 100, 700), run('42418-2023）。', 100, 685)]));
    expect(doc.querySelector('p')?.textContent).toBe('参与制定了《基层政务公开工作指南》（GB/T 42418-2023）。');
  });
});

describe('runs pdf.js joined across a gap', () => {
  it('are split where a space is much wider than a space (two header cells)', () => {
    const joined: TextRun = { text: '信息内容 本年处理决定数量', x: 100, y: 700, w: 126, size: 10 };
    expect(splitWideSpaces(joined).map((r) => [r.text, r.x])).toEqual([
      ['信息内容', 100],
      ['本年处理决定数量', 146],
    ]);
    expect(splitWideSpaces({ ...joined, w: 123 })).toHaveLength(1);
  });
});

describe('the operator list', () => {
  const codes = OPS as unknown as OpCodes;

  it('gives thin filled rectangles and straight strokes as rulings, in page space, and images as boxes', () => {
    // Path commands as pdf.js 5 sends them: moveTo 0, lineTo 1, closePath 4.
    const rect = (x: number, y: number, w: number, hh: number) =>
      new Float32Array([0, x, y, 1, x + w, y, 1, x + w, y + hh, 1, x, y + hh, 4]);
    const fnArray = [
      codes.save,
      codes.transform,
      codes.constructPath,
      codes.restore,
      codes.setLineWidth,
      codes.constructPath,
      codes.constructPath,
      codes.save,
      codes.transform,
      codes.paintImageXObject,
      codes.restore,
    ];
    const argsArray = [
      null,
      [2, 0, 0, 2, 10, 20],
      [codes.fill, [rect(0, 0, 100, 0.5)], null],
      null,
      [0.5],
      [codes.stroke, [new Float32Array([0, 50, 100, 1, 50, 300])], null],
      [codes.fill, [rect(0, 0, 100, 100)], null],
      null,
      [300, 0, 0, 400, 0, 0],
      ['img_p0_1', 300, 400],
      null,
    ];
    const { rulings, images } = readOperators(fnArray, argsArray, codes);
    expect(rulings).toEqual([
      { dir: 'h', at: 20.5, from: 10, to: 210 },
      { dir: 'v', at: 50, from: 100, to: 300 },
    ]);
    expect(images).toEqual([{ x: 0, y: 0, w: 300, h: 400 }]);
  });

  it('leaves out white lines and curved paths', () => {
    const fnArray = [codes.setStrokeRGBColor, codes.constructPath, codes.setStrokeRGBColor, codes.constructPath];
    const argsArray = [
      ['#ffffff'],
      [codes.stroke, [new Float32Array([0, 0, 0, 1, 100, 0])], null],
      ['#000000'],
      [codes.stroke, [new Float32Array([0, 0, 0, 2, 30, 10, 60, 10, 100, 0])], null],
    ];
    expect(readOperators(fnArray, argsArray, codes).rulings).toEqual([]);
  });
});

describe('file kinds and the records of files nothing is read from', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('tells a file by its first bytes, else by its name', () => {
    expect(fileKind('report.bin', bytes('%PDF-1.7\n...'))).toBe('pdf');
    expect(fileKind('报告.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe('doc');
    expect(fileKind('报告.wps', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe('wps');
    expect(fileKind('x.docx', new Uint8Array([0x50, 0x4b, 3, 4, ...bytes('....word/document.xml')]))).toBe('docx');
    expect(fileKind('x.zip', new Uint8Array([0x50, 0x4b, 3, 4, ...bytes('....OFD.xml')]))).toBe('ofd');
    expect(fileKind('年报.OFD')).toBe('ofd');
    expect(fileKind('notes.txt')).toBeNull();
  });

  it('says plainly that a .wps cannot be read and what to do, as a na finding', () => {
    const r = unsupportedRecord({ url: 'file:///a.wps', capturedAt: '2026-01-01T00:00:00.000Z', kind: 'wps' });
    expect(r.source.kind).toBe('wps');
    expect(r.findings).toEqual([expect.objectContaining({ id: 'source.unsupported:file', status: 'na' })]);
    expect(r.findings[0]?.message).toMatch(/无法读取.*另存为 PDF 或 DOCX/);
  });

  it('gives a scan a failing format.tablesAsImages warning, never a clean record', () => {
    const r = scannedRecord({ url: 'file:///a.pdf', capturedAt: '2026-01-01T00:00:00.000Z', kind: 'pdf' }, 4);
    expect(r.findings.map((f) => [f.id, f.status, f.severity])).toEqual([['format.tablesAsImages:report', 'fail', 'warning']]);
    expect(r.findings[0]?.message).toContain('4 页都是图片');
  });
});
