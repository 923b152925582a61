/**
 * The attachment-link detector (lib/detect/attachments.ts) on the fixture pages and on small
 * documents: which linked files look like the report, what the record keeps of them, and the
 * finding of a page whose report is only in its attachment.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../lib/analyze';
import { reportAttachments } from '../../lib/detect/attachments';
import { analyzeFixture, CAPTURED, doc } from './helpers';

const GULOU = '鼓楼区自然资源和规划局2023年度政府信息公开工作年度报告.pdf';
const NANHU_DOC =
  '/attach/%E5%8D%97%E6%B9%96%E5%8C%BA%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C%E5%8A%9E%E5%85%AC%E5%AE%A42023%E5%B9%B4%E5%BA%A6%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80%E5%B7%A5%E4%BD%9C%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A(1).doc';

describe('on the fixture pages', () => {
  it('an attachment-only page: its PDF, and a finding that says the report is in it (not "not a report")', () => {
    const { record } = analyzeFixture('attachment-only.html');
    expect(record.source.attachments).toEqual([{ url: '/attach/typo-suspect.pdf', name: GULOU, kind: 'pdf' }]);
    expect(record.report).toMatchObject({ isReport: false, agency: '鼓楼区自然资源和规划局', year: 2023 });
    expect(record.tables).toEqual({});
    expect(record.findings.map((f) => [f.id, f.status, f.severity])).toEqual([['report.attachment:page', 'na', 'info']]);
    expect(record.findings[0]?.message).toContain(`「${GULOU}」`);
    // The page's date is the file's: the attachment page is given it.
    expect(record.source.publishedAt).toBe('2024-01-18T09:40');
  });

  it('a report page that links its PDF: the report is read as ever, and the PDF is recorded', () => {
    const { record } = analyzeFixture('report-with-pdf.html');
    expect(record.report.isReport).toBe(true);
    expect(record.source.attachments).toEqual([{ url: '/attach/typo-suspect.pdf', name: GULOU, kind: 'pdf' }]);
    expect(record.findings.filter((f) => f.status === 'fail').map((f) => f.id)).toEqual([
      't3.rowTotal:withheld.thirdParty',
      't3.resultsSum:commercial',
    ]);
  });

  it('a report page with a form, a budget and another annual report attached: none is offered', () => {
    const { record } = analyzeFixture('unrelated-attachments.html');
    expect(record.report.isReport).toBe(true);
    expect(record.source.attachments).toBeUndefined();
  });

  it('the seed pages that link their own .doc, and the page whose tables are images', () => {
    expect(analyzeFixture('seed001-plain.html').record.source.attachments).toEqual([
      { url: NANHU_DOC, name: '南湖区人民政府办公室2023年度政府信息公开工作年度报告(1).doc', kind: 'doc' },
    ]);
    expect(analyzeFixture('tables-as-images.html').record.source.attachments).toEqual([
      { url: '/attach/202401/ndbg.doc', name: '龙华区水务局2023年度政府信息公开工作年度报告.doc', kind: 'doc' },
    ]);
  });

  it.each(['non-report-with-table.html', 'typo-suspect.html', 'template-notice.html'])('%s links no report file', (file) => {
    expect(analyzeFixture(file).record.source.attachments).toBeUndefined();
  });
});

const page = (title: string, body: string) => doc(`<!DOCTYPE html><title>${title}</title><body><h1>${title}</h1>${body}</body>`).body;
const TITLED = { titled: true, isReport: false };

describe('which links', () => {
  it('the only attachment of a page titled as a report, whatever its name', () => {
    const body = page(
      'XX区2023年政府信息公开工作年度报告',
      '<p>附件：<a href="/u/P0202401.pdf">附件1.pdf</a></p><a href="/list.html">返回</a>',
    );
    expect(reportAttachments(body, TITLED)).toEqual([{ url: '/u/P0202401.pdf', name: '附件1.pdf', kind: 'pdf' }]);
    // …but not when the page holds the report itself, or is not titled as one.
    expect(reportAttachments(body, { titled: true, isReport: true })).toEqual([]);
    expect(reportAttachments(body, { titled: false, isReport: false })).toEqual([]);
  });

  it('a file named only 年报 on such a page, before a second attachment', () => {
    const body = page(
      'XX区2023年政府信息公开工作年度报告',
      '<a href="/a/1.wps">XX区2023年年报.wps</a><a href="/a/2.pdf">政府信息公开指南.pdf</a>',
    );
    expect(reportAttachments(body, TITLED)).toEqual([{ url: '/a/1.wps', name: 'XX区2023年年报.wps', kind: 'wps' }]);
  });

  it('the kind from the link text or the file name (any case), the name from the text or the decoded file name', () => {
    const body = page(
      '通知',
      `<a href="/down.jsp?id=7">XX局2023年度政府信息公开工作年度报告.OFD</a>
       <a href="/f/${encodeURIComponent('YY局2023年度政府信息公开工作年度报告')}.DOCX?v=2">点击下载</a>
       <a href="javascript:void(0)">ZZ局2023年度政府信息公开工作年度报告.pdf</a>
       <a href="/x.html">ZZ局2023年度政府信息公开工作年度报告</a>`,
    );
    expect(reportAttachments(body, { titled: false, isReport: false })).toEqual([
      { url: '/down.jsp?id=7', name: 'XX局2023年度政府信息公开工作年度报告.OFD', kind: 'ofd' },
      {
        url: '/f/YY%E5%B1%802023%E5%B9%B4%E5%BA%A6%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80%E5%B7%A5%E4%BD%9C%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.DOCX?v=2',
        name: 'YY局2023年度政府信息公开工作年度报告.DOCX',
        kind: 'docx',
      },
    ]);
  });

  it('never the template, its notice or a form, even on a report-titled page with nothing else', () => {
    const body = page(
      'XX区2023年政府信息公开工作年度报告',
      '<a href="/a/gs.doc">政府信息公开工作年度报告格式.doc</a><a href="/a/sqb.docx">依申请公开申请表.docx</a>',
    );
    expect(reportAttachments(body, TITLED)).toEqual([]);
  });

  it('a list of many bodies’ report files: the first ten, each once', () => {
    const links = Array.from({ length: 14 }, (_, i) => `<a href="/r/${i}.pdf">第${i}局2023年度政府信息公开工作年度报告.pdf</a>`);
    const body = page('年度报告', links.join('') + links[0]);
    const found = reportAttachments(body, { titled: false, isReport: false });
    expect(found.map((a) => a.url)).toEqual(Array.from({ length: 10 }, (_, i) => `/r/${i}.pdf`));
  });

  it('a file read as a document (a DOCX, a PDF) has no attachments of its own', () => {
    const d = doc(
      `<title>XX区2023年政府信息公开工作年度报告</title><body><a href="/a.pdf">XX区2023年政府信息公开工作年度报告.pdf</a></body>`,
    );
    expect(analyze(d, { capturedAt: CAPTURED, kind: 'docx' }).record.source.attachments).toBeUndefined();
    expect(analyze(d, { capturedAt: CAPTURED }).record.source.attachments).toHaveLength(1);
  });
});
