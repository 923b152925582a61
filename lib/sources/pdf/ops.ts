/**
 * Ruling lines and images from a pdf.js operator list: the drawing operations replayed with their
 * transforms, keeping only straight horizontal or vertical strokes and thin filled rectangles (how
 * Word, WPS and browsers draw table borders).
 */
import type { Box, Ruling } from './page';

/** The operator numbers used here, as pdf.js names them (`OPS` of the pdf.js build passed in). */
export type OpCodes = Record<
  | 'save'
  | 'restore'
  | 'transform'
  | 'setLineWidth'
  | 'constructPath'
  | 'stroke'
  | 'closeStroke'
  | 'fill'
  | 'eoFill'
  | 'fillStroke'
  | 'eoFillStroke'
  | 'closeFillStroke'
  | 'closeEOFillStroke'
  | 'paintFormXObjectBegin'
  | 'paintFormXObjectEnd'
  | 'paintImageXObject'
  | 'paintInlineImageXObject'
  | 'paintImageMaskXObject'
  | 'setStrokeRGBColor'
  | 'setFillRGBColor',
  number
>;

/**
 * Path commands inside `constructPath` (pdf.js 5: `[paintOp, [Float32Array of commands], minMax]`);
 * pdf.js does not export these (its `DrawOPS`), so they are pinned here with the pdfjs-dist version.
 */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

/** A line thinner than this (PDF units, 1/72 in) is a ruling when drawn as a filled rectangle. */
const THIN = 2.5;
/** Rulings shorter than this are marks, not borders. */
const SHORT = 2;

type Matrix = [number, number, number, number, number, number];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

interface State {
  ctm: Matrix;
  lineWidth: number;
  strokeVisible: boolean;
  fillVisible: boolean;
}

/** White (or nearly) paints nothing a reader sees: a white line is not a border. */
function visible(args: unknown[]): boolean {
  const [a, b, c] = args;
  if (typeof a === 'string' && /^#[0-9a-f]{6}$/i.test(a)) {
    const v = Number.parseInt(a.slice(1), 16);
    return !(v >> 16 > 0xf0 && ((v >> 8) & 0xff) > 0xf0 && (v & 0xff) > 0xf0);
  }
  if (typeof a === 'number' && typeof b === 'number' && typeof c === 'number') {
    const max = a > 1 || b > 1 || c > 1 ? 255 : 1;
    return !(a / max > 0.94 && b / max > 0.94 && c / max > 0.94);
  }
  return true;
}

/** Sub-paths of a path, as points in page space; `curved` marks those with a curve (never a border). */
function subpaths(path: ArrayLike<number>, ctm: Matrix): { pts: [number, number][]; closed: boolean; curved: boolean }[] {
  const out: { pts: [number, number][]; closed: boolean; curved: boolean }[] = [];
  let cur: { pts: [number, number][]; closed: boolean; curved: boolean } | null = null;
  for (let i = 0; i < path.length; ) {
    const op = path[i++];
    if (op === MOVE) {
      cur = { pts: [apply(ctm, path[i] as number, path[i + 1] as number)], closed: false, curved: false };
      out.push(cur);
      i += 2;
    } else if (op === LINE) {
      cur?.pts.push(apply(ctm, path[i] as number, path[i + 1] as number));
      i += 2;
    } else if (op === CURVE || op === QUAD) {
      const n = op === CURVE ? 6 : 4;
      if (cur) {
        cur.curved = true;
        cur.pts.push(apply(ctm, path[i + n - 2] as number, path[i + n - 1] as number));
      }
      i += n;
    } else if (op === CLOSE) {
      if (cur) cur.closed = true;
    } else break;
  }
  return out;
}

const AXIS = 0.5;

/** A stroked straight segment, kept when horizontal or vertical. */
function segment(a: [number, number], b: [number, number], out: Ruling[]): void {
  const [x0, y0] = a;
  const [x1, y1] = b;
  if (Math.abs(y0 - y1) <= AXIS && Math.abs(x1 - x0) >= SHORT)
    out.push({ dir: 'h', at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) });
  else if (Math.abs(x0 - x1) <= AXIS && Math.abs(y1 - y0) >= SHORT)
    out.push({ dir: 'v', at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) });
}

/** The box of a sub-path that is an axis-aligned rectangle, else null. */
function rectangle(pts: [number, number][]): Box | null {
  const p = pts.length === 5 && Math.hypot(pts[0]![0] - pts[4]![0], pts[0]![1] - pts[4]![1]) < AXIS ? pts.slice(0, 4) : pts;
  if (p.length !== 4) return null;
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = p[i] as [number, number];
    const [bx, by] = p[(i + 1) % 4] as [number, number];
    if (Math.abs(ax - bx) > AXIS && Math.abs(ay - by) > AXIS) return null;
  }
  const xs = p.map((q) => q[0]);
  const ys = p.map((q) => q[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

/** A thin filled rectangle is a ruling along its long side. */
function filled(box: Box, out: Ruling[]): void {
  if (box.h <= THIN && box.w >= SHORT && box.w > box.h) out.push({ dir: 'h', at: box.y + box.h / 2, from: box.x, to: box.x + box.w });
  else if (box.w <= THIN && box.h >= SHORT && box.h > box.w) out.push({ dir: 'v', at: box.x + box.w / 2, from: box.y, to: box.y + box.h });
}

/** Replay an operator list: the rulings drawn and the boxes images are painted in. */
export function readOperators(fnArray: ArrayLike<number>, argsArray: unknown[], OPS: OpCodes): { rulings: Ruling[]; images: Box[] } {
  const rulings: Ruling[] = [];
  const images: Box[] = [];
  const stack: State[] = [];
  let s: State = { ctm: [1, 0, 0, 1, 0, 0], lineWidth: 1, strokeVisible: true, fillVisible: true };
  const STROKES = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const FILLS = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const IMAGES = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = (argsArray[i] ?? []) as unknown[];
    if (fn === OPS.save) stack.push({ ...s });
    else if (fn === OPS.restore) s = stack.pop() ?? s;
    else if (fn === OPS.transform) s.ctm = multiply(s.ctm, args as unknown as Matrix);
    else if (fn === OPS.setLineWidth) s.lineWidth = args[0] as number;
    else if (fn === OPS.setStrokeRGBColor) s.strokeVisible = visible(args);
    else if (fn === OPS.setFillRGBColor) s.fillVisible = visible(args);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push({ ...s });
      const m = args[0] as Matrix | null;
      if (m && m.length === 6) s.ctm = multiply(s.ctm, Array.from(m) as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) s = stack.pop() ?? s;
    else if (IMAGES.has(fn as number)) {
      const corners = [apply(s.ctm, 0, 0), apply(s.ctm, 1, 0), apply(s.ctm, 0, 1), apply(s.ctm, 1, 1)];
      const xs = corners.map((c) => c[0]);
      const ys = corners.map((c) => c[1]);
      images.push({ x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) });
    } else if (fn === OPS.constructPath) {
      const [paint, data] = args as [number, (ArrayLike<number> | null)[] | undefined];
      const path = data?.[0];
      if (!path || typeof path !== 'object') continue;
      const stroke = STROKES.has(paint) && s.strokeVisible;
      const fill = FILLS.has(paint) && s.fillVisible;
      if (!stroke && !fill) continue;
      // A stroke wider than a border (a thick bar) is drawn as a rectangle would be: by its outline.
      const scale = Math.sqrt(Math.abs(s.ctm[0] * s.ctm[3] - s.ctm[1] * s.ctm[2]));
      for (const sp of subpaths(path, s.ctm)) {
        if (sp.curved) continue;
        if (fill) {
          const box = rectangle(sp.pts);
          if (box) filled(box, rulings);
        }
        if (stroke && s.lineWidth * scale <= THIN * 2) {
          for (let k = 1; k < sp.pts.length; k++) segment(sp.pts[k - 1] as [number, number], sp.pts[k] as [number, number], rulings);
          if (sp.closed && sp.pts.length > 2)
            segment(sp.pts[sp.pts.length - 1] as [number, number], sp.pts[0] as [number, number], rulings);
        }
      }
    }
  }
  return { rulings, images };
}
