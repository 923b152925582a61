/**
 * `nianbao crawl` and `nianbao check <address>` against the fake portal (tests/portal/server.ts):
 * the records of a listing over two pages in listing order, with the exact failures; GBK and
 * undeclared pages read right; an attachment-only report read from its PDF; the server's log shows
 * requests never overlapping, spaced by --delay, Retry-After waited for, nothing asked twice in
 * vain; a second run asks nothing; `check <address>` gives what `check <file>` gives; an
 * interrupted crawl leaves nothing half-written.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../cli/args';
import { duration, progress } from '../../cli/progress';
import { toCsv } from '../../lib/output/csv';
import { ReportRecord } from '../../lib/record/schema';
import { ENTRIES, type LogEntry, PAGES, type Portal, startPortal } from '../portal/server';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/nianbao.mjs');
const DELAY = 200;
/** Clock granularity and the time between the server ending an answer and the command seeing it end. */
const SLACK = 15;

function run(args: string[], cache: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, XDG_CACHE_HOME: cache } },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

const records = (stdout: string) => (JSON.parse(stdout) as unknown[]).map((r) => ReportRecord.parse(r));
const freshCache = () => mkdtempSync(join(tmpdir(), 'nianbao-cache-'));
const withoutSource = (r: ReportRecord) => ({ ...r, source: undefined });
const fetchFinding = (r: ReportRecord | undefined) => r?.findings.find((f) => f.rule === 'source.fetch');
const pathOf = (url: string) => new URL(url).pathname;
const entry = (n: number) => ENTRIES.flat().find((e) => e.path.endsWith(`_${n}.html`))?.path as string;

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal({ slowMs: 3000 });
});
afterAll(async () => {
  await portal.close();
});

describe('nianbao crawl', () => {
  const cache = freshCache();
  let first: { code: number; stdout: string; stderr: string };
  let log: LogEntry[];
  beforeAll(async () => {
    portal.reset();
    first = await run(['crawl', portal.listing, '--delay', String(DELAY / 1000), '--timeout', '1'], cache);
    log = [...portal.log];
  }, 120_000);

  it('prints one record per report link, in listing order, across both pages', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const got = records(first.stdout);
    expect(got.map((r) => pathOf(r.source.url))).toEqual([
      entry(101),
      entry(102),
      entry(103),
      '/files/P020240125.pdf', // the attachment of 104, whose page is only its link
      entry(106),
      entry(107),
      entry(108),
      entry(109),
      entry(110),
      entry(111),
      entry(112),
    ]);
  });

  it('gives each page that could not be fetched its source.fetch record: the status, the timeout, the challenge, the host stopped', () => {
    const got = records(first.stdout);
    const failures = got.filter((r) => fetchFinding(r)).map((r) => [pathOf(r.source.url), r.source.title, r.tables, r.findings.length]);
    expect(failures).toEqual([
      [entry(107), '雁塔区住房和城乡建设局2023年政府信息公开工作年度报告', {}, 1],
      [entry(108), '天河区人力资源和社会保障局2023年政府信息公开工作年度报告', {}, 1],
      [entry(111), '象山县交通运输局2023年政府信息公开工作年度报告', {}, 1],
      [entry(112), '思明区人民政府2023年政府信息公开工作年度报告', {}, 1],
    ]);
    const byPath = (n: number) => fetchFinding(got.find((r) => pathOf(r.source.url) === entry(n)));
    expect(byPath(107)).toMatchObject({
      id: 'source.fetch:status',
      status: 'na',
      actual: 404,
      message: '无法获取这个页面：服务器返回 HTTP 404，页面不存在，没有核查任何内容。',
    });
    expect(byPath(108)).toMatchObject({ id: 'source.fetch:timeout', status: 'na', expected: 1 });
    expect(byPath(108)?.message).toBe('无法获取这个页面：等待 1 秒仍未收到完整回应（超时）（共尝试 3 次），没有核查任何内容。');
    expect(byPath(111)).toMatchObject({ id: 'source.fetch:challenge', actual: 412 });
    expect(byPath(112)).toMatchObject({ id: 'source.fetch:stopped', actual: 412, quote: `${portal.url}${entry(111)}` });
  });

  it('reads the GBK page without a charset in its header, and the page without any charset, as their files', async () => {
    const got = records(first.stdout);
    const files = records((await run(['check', join(PAGES, 'gbk-encoded.html'), join(PAGES, 'seed002-plain.html')], cache)).stdout);
    const gbk = got.find((r) => pathOf(r.source.url) === entry(102)) as ReportRecord;
    const undeclared = got.find((r) => pathOf(r.source.url) === '/bm/nb/t20240122_103.html') as ReportRecord;
    expect(gbk.report.agency).toBe('渌口区财政局');
    expect(gbk.tables.applications?.newReceived?.total?.value).toBe(files[0]?.tables.applications?.newReceived?.total?.value);
    expect(withoutSource(gbk)).toEqual(withoutSource(files[0] as ReportRecord));
    expect(undeclared.report.agency).toBe('卫滨区中同街街道办事处');
    expect(withoutSource(undeclared)).toEqual(withoutSource(files[1] as ReportRecord));
  });

  it('reads an attachment-only report from its PDF, as the PDF’s file, with the page that linked it', async () => {
    const pdf = records(first.stdout)[3] as ReportRecord;
    expect(pdf.source).toMatchObject({
      kind: 'pdf',
      attachmentOf: `${portal.url}${entry(104)}`,
      url: `${portal.url}/files/P020240125.pdf`,
    });
    expect(pdf.report).toMatchObject({ isReport: true, agency: '南湖区人民政府办公室', year: 2023 });
    expect(pdf.findings.filter((f) => f.status === 'fail').map((f) => f.id)).toEqual(['narrative.unable.notHeld:1']);
  });

  it('runs the cross-year checks between the two years of one body in the listing', () => {
    const bad = records(first.stdout).find((r) => pathOf(r.source.url) === entry(110));
    expect(bad?.findings.filter((f) => f.rule.startsWith('crossYear') && f.status === 'fail').map((f) => f.id)).toEqual([
      'crossYear.carryOver:commercial',
      'crossYear.carryOver:total',
      'crossYear.inForce:regulations',
    ]);
  });

  it('made its requests one at a time, --delay apart, and asked for nothing it did not need', () => {
    const paths = log.map((l) => l.path);
    expect(paths).toEqual([
      '/gk/nb/index.html',
      '/gk/nb/index_1.html',
      entry(101),
      entry(102),
      '/bm/nb/t20240122_103.html',
      entry(104),
      entry(106), // 429, Retry-After: 1
      entry(106),
      '/files/P020240125.pdf',
      entry(107),
      entry(108), // three timeouts
      entry(108),
      entry(108),
      entry(109),
      entry(110),
      entry(111), // 412: the host is stopped, 112 is not asked
    ]);
    for (const [i, l] of log.entries()) {
      expect(l.end, `${l.path} ended`).toBeGreaterThanOrEqual(l.start);
      const before = log[i - 1];
      if (before) expect(l.start - before.end, `${before.path} → ${l.path}`).toBeGreaterThanOrEqual(DELAY - SLACK);
    }
  });

  it('waited as long as Retry-After asked before asking again', () => {
    const [limited, again] = log.filter((l) => l.path === entry(106));
    expect(limited?.status).toBe(429);
    expect(again?.status).toBe(200);
    expect((again?.start ?? 0) - (limited?.end ?? 0)).toBeGreaterThanOrEqual(1000 - SLACK);
  });

  it('asks nothing the second time, and gives the same records', async () => {
    portal.reset();
    const again = await run(['crawl', portal.listing, '--delay', String(DELAY / 1000), '--timeout', '1'], cache);
    expect(portal.log).toEqual([]);
    expect(again.code).toBe(0);
    expect(records(again.stdout).map(withoutSource)).toEqual(records(first.stdout).map(withoutSource));
    // Every cache entry is whole: a JSON line, then the bytes.
    const answers = join(cache, 'nianbao/answers');
    const files = readdirSync(answers);
    expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
    for (const f of files) expect(() => JSON.parse(readFileSync(join(answers, f), 'latin1').split('\n')[0] as string)).not.toThrow();
  }, 120_000);

  it('keeps only the year asked for, and writes CSV in the long form', async () => {
    portal.reset();
    const csv = await run(['crawl', portal.listing, '--year', '2022', '--format', 'csv'], cache);
    expect(csv.code).toBe(0);
    const only2022 = records(first.stdout).filter((r) => pathOf(r.source.url) === entry(109));
    expect(csv.stdout).toBe(toCsv(only2022));
    expect(csv.stdout.split('\r\n')[1]).toMatch(
      /^金华市人民政府办公室,2022,http:\/\/127\.0\.0\.1:\d+\/gk\/nb\/202301\/t20230120_109\.html,activeDisclosure,/,
    );
  }, 60_000);

  it('stops at --max reports, without reading further listing pages', async () => {
    portal.reset();
    const two = await run(['crawl', portal.listing, '--max', '2', '--delay', '0.2', '--no-cache'], freshCache());
    expect(records(two.stdout).map((r) => pathOf(r.source.url))).toEqual([entry(101), entry(102)]);
    expect(portal.log.map((l) => l.path)).toEqual(['/gk/nb/index.html', entry(101), entry(102)]);
  }, 60_000);
});

describe('nianbao crawl, other listings', () => {
  it('follows 下一页 to ?page=2', async () => {
    portal.reset();
    const got = await run(['crawl', portal.pagedListing, '--delay', '0.2'], freshCache());
    expect(got.code).toBe(0);
    expect(records(got.stdout).map((r) => [pathOf(r.source.url), r.report.agency])).toEqual([
      ['/col/a1.html', '曲靖市麒麟区珠街街道'],
      ['/col/a2.html', '江宁区卫生健康委员会'],
      ['/col/a3.html', '思明区人民政府'],
    ]);
    expect(portal.log.map((l) => l.path)).toEqual([
      '/col/list?cat=nb',
      '/col/list?cat=nb&page=2',
      '/col/a1.html',
      '/col/a2.html',
      '/col/a3.html',
    ]);
  }, 60_000);

  it('gives a listing that cannot be fetched its source.fetch record', async () => {
    const got = await run(['crawl', `${portal.url}/gk/none/index.html`, '--delay', '0'], freshCache());
    expect(got.code).toBe(0);
    const [r, ...rest] = records(got.stdout);
    expect(rest).toEqual([]);
    expect(r?.source.url).toBe(`${portal.url}/gk/none/index.html`);
    expect(r?.findings.map((f) => [f.id, f.actual])).toEqual([['source.fetch:status', 404]]);
  }, 60_000);

  it('reads a start page that is not a listing as one page, and says so', async () => {
    const url = `${portal.url}${entry(101)}`;
    const got = await run(['crawl', url, '--delay', '0'], freshCache());
    expect(got.code).toBe(0);
    expect(got.stderr).toBe(`nianbao: ${url} is not a listing of reports; it is read as one page\n`);
    expect(records(got.stdout).map((r) => r.report.agency)).toEqual(['红钢城街道办事处']);
  }, 60_000);

  it('leaves nothing half-written when interrupted: no --out file, no scratch folder, whole cache entries', async () => {
    portal.reset();
    const cache = freshCache();
    const tmp = mkdtempSync(join(tmpdir(), 'nianbao-tmp-'));
    const out = join(mkdtempSync(join(tmpdir(), 'nianbao-out-')), 'all.json');
    const child = spawn(process.execPath, [BIN, 'crawl', portal.listing, '--delay', '1', '--out', out], {
      cwd: ROOT,
      env: { ...process.env, XDG_CACHE_HOME: cache, TMPDIR: tmp },
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    // Interrupted once the first report has been asked for.
    while (!portal.log.some((l) => l.path === entry(101))) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.startsWith('nianbao-'))).toEqual([]);
    const answers = readdirSync(join(cache, 'nianbao/answers'));
    expect(answers.filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(answers.length).toBeGreaterThanOrEqual(2);
  }, 60_000);
});

describe('nianbao check <address>', () => {
  it('gives the record check <file> gives for the same page, apart from source', async () => {
    const cache = freshCache();
    const got = await run(['check', '--delay', '0', `${portal.url}${entry(101)}`, join(PAGES, 'seed000-plain.html')], cache);
    expect(got.stderr).toBe('');
    const [fetched, file] = records(got.stdout);
    expect(fetched?.source.url).toBe(`${portal.url}${entry(101)}`);
    expect(fetched?.report.isReport).toBe(true);
    expect(withoutSource(fetched as ReportRecord)).toEqual(withoutSource(file as ReportRecord));
  }, 60_000);

  it('fetches a PDF address and reads it as the PDF file', async () => {
    const got = await run(['check', '--delay', '0', `${portal.url}/files/seed004-plain.pdf`], freshCache());
    const [r] = records(got.stdout);
    expect(r?.source).toMatchObject({ kind: 'pdf', url: `${portal.url}/files/seed004-plain.pdf` });
    expect(r?.source.attachmentOf).toBeUndefined();
    expect(r?.report).toMatchObject({ isReport: true, year: 2020 });
  }, 60_000);
});

describe('crawl usage', () => {
  it.each([
    [['crawl'], 'no listing address given'],
    [['crawl', 'a', 'b'], 'crawl reads one listing address'],
    [['crawl', 'listing.html'], 'crawl needs an http(s) address, not "listing.html"'],
    [['crawl', 'http://x/', '--delay', '-1'], '--delay must be a number of seconds ≥ 0, not "-1"'],
    [['crawl', 'http://x/', '--year', '23'], '--year must be a year (2000–2100), not "23"'],
    [['crawl', 'http://x/', '--max', '0'], '--max must be a whole number ≥ 1, not "0"'],
    [['crawl', 'http://x/', '--jobs', '2'], 'unknown option --jobs for crawl'],
    [['check', 'x.html', '--timeout', '0'], '--timeout must be a number of seconds > 0, not "0"'],
  ])('%j is bad usage: %s', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('reads the options of crawl and of check with addresses', () => {
    expect(
      parseArgs(['crawl', 'https://x.gov.cn/nb/', '--year=2023', '--delay', '0.5', '--max', '40', '--no-cache', '--format', 'csv']),
    ).toEqual({
      command: 'crawl',
      url: 'https://x.gov.cn/nb/',
      year: 2023,
      max: 40,
      format: 'csv',
      delayMs: 500,
      timeoutMs: 30_000,
      cache: false,
    });
    expect(parseArgs(['check', 'http://x.gov.cn/a.html', 'b.html'])).toMatchObject({
      command: 'check',
      paths: ['http://x.gov.cn/a.html', 'b.html'],
      delayMs: 2000,
      cache: true,
    });
  });
});

describe('progress', () => {
  const terminal = () => {
    const written: string[] = [];
    return { written, stream: { isTTY: true, columns: 120, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream };
  };

  it('shows the counts and the time left at the pace so far, on one line, when stderr is a terminal', () => {
    const { written, stream } = terminal();
    let now = 0;
    const p = progress(stream, () => now);
    p.listing(2, 2, 11);
    p.report(0, 11, 0);
    now = 20_000;
    p.report(4, 11, 1);
    p.end();
    expect(written).toEqual([
      '\r\x1b[2Knianbao: listing page 2/2, 11 reports found',
      '\r\x1b[2Knianbao: report 0/11',
      '\r\x1b[2Knianbao: report 4/11 (1 not fetched), about 35 s left',
      '\r\x1b[2K',
    ]);
  });

  it('shows nothing when stderr is not a terminal', () => {
    const written: string[] = [];
    const p = progress({ isTTY: false, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream);
    p.report(1, 2, 0);
    p.end();
    expect(written).toEqual([]);
  });

  it.each([
    [4_000, '4 s'],
    [75_000, '1 min 15 s'],
    [3_900_000, '1 h 5 min'],
  ])('%d ms is %s', (ms, text) => {
    expect(duration(ms)).toBe(text);
  });
});
