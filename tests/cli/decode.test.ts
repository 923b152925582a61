/** Encoding sniffing of the command line: pages read as a browser reads them, whatever their bytes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDecoder } from '@exodus/bytes/encoding.js';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml, sniffEncoding } from '../../cli/decode';
import { htmlPage } from '../../cli/html';
import { analyze } from '../../lib/analyze';

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
const page = (name: string) => readFileSync(join(PAGES, name), 'utf8');
const undeclared = (html: string) => html.replace(/<meta[^>]*charset[^>]*>/gi, '');

/** What the command line reads from these bytes: the encoding, how it was found, and the agency. */
async function read(bytes: Uint8Array, httpCharset?: string) {
  const { encoding, by } = sniffEncoding(bytes, httpCharset);
  const { dom, url } = await htmlPage(bytes, 'file:///x.html', httpCharset);
  try {
    const { report } = analyze(dom.window.document, { url, capturedAt: '2026-01-01T00:00:00.000Z' }).record;
    return { encoding, by, agency: report.agency, isReport: report.isReport };
  } finally {
    dom.window.close();
  }
}

const SIMPLIFIED = page('seed001-plain.html');
const TRADITIONAL = page('traditional-mirror.html');

describe('encoding sniffing', () => {
  it('reads a GBK page without any declaration by detection', async () => {
    const bytes = iconv.encode(undeclared(SIMPLIFIED), 'gbk');
    expect(await read(bytes)).toEqual({ encoding: 'gb18030', by: 'detected', agency: '南湖区人民政府办公室', isReport: true });
  });

  it('reads a Big5 page without a declaration, and one that declares big5', async () => {
    const bytes = iconv.encode(undeclared(TRADITIONAL), 'big5');
    expect(decodeHtml(bytes).html).toContain('<title>南湖區人民政府辦公室2023年度政府信息公開工作年度報告');
    // The record names the body in simplified characters, whatever the page's script.
    expect(await read(bytes)).toEqual({ encoding: 'big5', by: 'detected', agency: '南湖区人民政府办公室', isReport: true });
    const declared = iconv.encode(TRADITIONAL.replace('<meta charset="utf-8">', '<meta charset="big5">'), 'big5');
    expect(await read(declared)).toMatchObject({ encoding: 'big5', by: 'meta', agency: '南湖区人民政府办公室' });
  });

  it.each([
    ['utf-16le', 'utf16-le'],
    ['utf-16be', 'utf16-be'],
  ] as const)('reads a %s page by its byte-order mark', async (encoding, iconvName) => {
    const bytes = iconv.encode(`\ufeff${SIMPLIFIED}`, iconvName);
    expect(bytes[0]).toBe(encoding === 'utf-16le' ? 0xff : 0xfe);
    expect(await read(bytes)).toEqual({ encoding, by: 'bom', agency: '南湖区人民政府办公室', isReport: true });
  });

  it('reads a UTF-8 page that declares utf-16 as UTF-8, as the HTML standard says', async () => {
    const bytes = Buffer.from(SIMPLIFIED.replace('<meta charset="utf-8">', '<meta charset="utf-16">'));
    expect(bytes.includes('charset="utf-16"')).toBe(true);
    expect(await read(bytes)).toEqual({ encoding: 'utf-8', by: 'meta', agency: '南湖区人民政府办公室', isReport: true });
  });

  it('finds the meta of a GBK page that comes after 4 KB of the head', async () => {
    const style = `<style>/*${' 样式说明 '.repeat(600)}*/</style>`;
    const html = undeclared(SIMPLIFIED).replace(
      '<head>',
      `<head>\n${style}\n<meta http-equiv="Content-Type" content="text/html; charset=gbk">`,
    );
    const bytes = iconv.encode(html, 'gbk');
    expect(bytes.indexOf('charset=gbk')).toBeGreaterThan(4096);
    expect(await read(bytes)).toEqual({ encoding: 'gbk', by: 'late-meta', agency: '南湖区人民政府办公室', isReport: true });
  });

  it('lets the HTTP charset win over the meta, and the byte-order mark over both', () => {
    const gbk = iconv.encode(SIMPLIFIED, 'gbk'); // its meta says utf-8
    expect(sniffEncoding(gbk, 'GB2312')).toEqual({ encoding: 'gbk', by: 'transport' });
    expect(sniffEncoding(gbk, 'no-such-charset')).toEqual({ encoding: 'utf-8', by: 'meta' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SIMPLIFIED)]);
    expect(sniffEncoding(bom, 'gbk')).toEqual({ encoding: 'utf-8', by: 'bom' });
    expect(decodeHtml(bom).html.startsWith('<!DOCTYPE')).toBe(true);
  });

  it('reads an undeclared ASCII or UTF-8 page as UTF-8', () => {
    expect(sniffEncoding(Buffer.from('<p>plain</p>'))).toEqual({ encoding: 'utf-8', by: 'detected' });
    expect(sniffEncoding(Buffer.from(undeclared(SIMPLIFIED)))).toEqual({ encoding: 'utf-8', by: 'detected' });
  });

  it('never throws and always names an encoding it can decode, whatever the bytes and the charset', () => {
    const labels = fc.constantFrom('utf-8', 'utf-16', 'gbk', 'big5', 'x-user-defined', 'iso-2022-kr', 'replacement', 'bogus', '');
    const meta = labels.map((l) => `<meta charset="${l}">`);
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }),
      fc
        .tuple(
          fc.constantFrom('', '\ufeff', '<!--', '<meta ', '<head>'),
          meta,
          fc.string({ maxLength: 2000 }),
          fc.uint8Array({ maxLength: 200 }),
        )
        .map(([a, m, s, tail]) => Buffer.concat([Buffer.from(a + m + s), tail])),
    );
    fc.assert(
      fc.property(bytes, fc.option(labels, { nil: undefined }), (b, http) => {
        const { encoding } = sniffEncoding(b, http);
        expect(encoding).toBe(encoding.toLowerCase());
        expect(new TextDecoder(encoding).encoding).toBe(encoding);
        expect(typeof decodeHtml(b, http).html).toBe('string');
      }),
      { numRuns: 1500 },
    );
  });
});
