/**
 * Records for files nothing could be read from: a format this reader cannot open (.doc, .wps,
 * .ofd), a PDF whose pages are only pictures (a scan), a file that would not open. Each says why
 * and what to do, and none can pass for a clean report.
 */
import type { Finding, ReportRecord, SourceKind } from '../record/schema';
import { unreadRecord } from '../record/unread';

export interface FileSource {
  url: string;
  title?: string;
  capturedAt: string;
  kind: SourceKind;
  attachmentOf?: string;
}

function recordOf(source: FileSource, finding: Finding): ReportRecord {
  return unreadRecord(
    {
      url: source.url,
      title: source.title ?? '',
      capturedAt: source.capturedAt,
      kind: source.kind,
      ...(source.attachmentOf ? { attachmentOf: source.attachmentOf } : {}),
    },
    [finding],
  );
}

const FORMATS: Partial<Record<SourceKind, { name: string; todo: string }>> = {
  doc: { name: 'Word 97–2003 文档（.doc）', todo: '请用 Word 或 WPS 打开，另存为 PDF 或 DOCX 后再核查。' },
  wps: { name: 'WPS 文字文档（.wps）', todo: '请用 WPS 打开，另存为 PDF 或 DOCX 后再核查。' },
  ofd: { name: 'OFD 版式文档（.ofd）', todo: '请用 OFD 阅读器（如数科阅读器）打开，另存或打印为 PDF 后再核查。' },
};

/** A .doc, .wps or .ofd file: recognised, not read. */
export function unsupportedRecord(source: FileSource): ReportRecord {
  const f = FORMATS[source.kind] ?? { name: `${source.kind} 文件`, todo: '请另存为 PDF 或 DOCX 后再核查。' };
  return recordOf(source, {
    id: 'source.unsupported:file',
    rule: 'source.unsupported',
    status: 'na',
    severity: 'warning',
    message: `这是${f.name}，这里无法读取这种格式，没有核查任何内容。${f.todo}`,
    cells: [],
  });
}

/**
 * A PDF with no text at all: its pages are pictures. Reported under format.tablesAsImages, failing:
 * the tables are images and nothing could be checked (a warning, never a clean verdict).
 */
export function scannedRecord(source: FileSource, pages: number): ReportRecord {
  return recordOf(source, {
    id: 'format.tablesAsImages:report',
    rule: 'format.tablesAsImages',
    status: 'fail',
    severity: 'warning',
    message: `这份 PDF 没有文字层（扫描件或图片）：${pages} 页都是图片，表格和正文都无法读取，没有核对任何数字。请向发布机关索取可复制文字的 PDF 或 Word 版本，或先用文字识别（OCR）转换后再核查。`,
    cells: [],
  });
}

/** A file that would not open (damaged, encrypted, not what its name says). */
export function unreadableRecord(source: FileSource, reason: string): ReportRecord {
  return recordOf(source, {
    id: 'parser.error:page',
    rule: 'parser.error',
    status: 'na',
    severity: 'error',
    message: `无法打开这个文件，没有核查任何内容：${reason}`,
    cells: [],
  });
}
