/** What the PDF reader keeps of a page: its text runs, ruling lines and images, in PDF units (origin bottom left). */

/** One run of text as pdf.js gives it: `x`/`y` the start of its baseline, `w` its advance, `size` the font size. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

/**
 * A ruling line: horizontal (`h`, at a height `at`, from x `from` to `to`) or vertical (`v`, at an x,
 * from y `from` to `to`). Stroked lines and thin filled rectangles both become rulings.
 */
export interface Ruling {
  dir: 'h' | 'v';
  at: number;
  from: number;
  to: number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PdfPage {
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  runs: TextRun[];
  rulings: Ruling[];
  /** Where images are painted (a scanned page is one image covering it). */
  images: Box[];
}

export interface PdfContent {
  /** The document's own title (its metadata), when it has one. */
  title?: string;
  pages: PdfPage[];
}
