import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../lib/record/csv';
import { ReportRecord } from '../../lib/record/schema';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGES = join(ROOT, 'tests/fixtures/pages');

function run(
  args: string[],
  cmd = process.execPath,
  pre = [join(ROOT, 'bin/nianbao.mjs')],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, [...pre, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const records = (stdout: string) => (JSON.parse(stdout) as unknown[]).map((r) => ReportRecord.parse(r));

describe('nianbao check', () => {
  it('prints a JSON array of schema-valid records, one per file, through npx', async () => {
    const { code, stdout, stderr } = await run(
      ['nianbao', 'check', join(PAGES, 'seed001-plain.html'), join(PAGES, 'seed004-word.html')],
      'npx',
      ['--no-install'],
    );
    expect(stderr.replace(/npm warn.*\n/g, '')).toBe('');
    expect(code).toBe(0);
    const [a, b] = records(stdout);
    expect(a?.report).toMatchObject({ agency: '南湖区人民政府办公室', year: 2023, formatVersion: '2021' });
    expect(a?.tables.applications?.newReceived?.total).toMatchObject({ value: 18, kind: 'number', raw: '18' });
    expect(a?.findings.filter((f) => f.status === 'fail').map((f) => f.id)).toEqual(['narrative.unable.notHeld:1']);
    expect(b?.report).toMatchObject({ year: 2020, formatVersion: '2019' });
  }, 60_000);

  it('walks a directory for .html files, in name order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-dir-'));
    mkdirSync(join(dir, 'sub'));
    copyFileSync(join(PAGES, 'seed002-plain.html'), join(dir, 'b.html'));
    copyFileSync(join(PAGES, 'seed003-plain.html'), join(dir, 'sub', 'a.htm'));
    writeFileSync(join(dir, 'notes.txt'), 'not a page');
    const { code, stdout } = await run(['check', dir]);
    expect(code).toBe(0);
    expect(records(stdout).map((r) => r.report.agency)).toEqual(['卫滨区中同街街道办事处', '渌口区财政局']);
  }, 60_000);

  it('writes CSV in long form with --format csv --out, with a BOM for Excel', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'nianbao-csv-')), 'out.csv');
    const { code, stdout } = await run(['check', join(PAGES, 'seed001-thead.html'), '--format', 'csv', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\ufeffagency,year,url,table,rowKey,rowLabel,columnKey,columnLabel,value,raw,kind\r\n')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines.filter((l) => l.endsWith(',applications,unable.notHeld,1.本机关不掌握相关政府信息,total,总计,6,6,number'))).toHaveLength(
      1,
    );
    expect(lines[1]?.startsWith('南湖区人民政府办公室,2023,')).toBe(true);
    // 表二 10 cells + 表三 25 rows × 7 + 表四 15, after the header
    expect(lines).toHaveLength(1 + 10 + 175 + 15);
  }, 60_000);

  it('follows a saved page into its same-folder iframe holding the report', async () => {
    const { code, stdout } = await run(['check', join(PAGES, 'iframe-body.html')]);
    expect(code).toBe(0);
    const [r] = records(stdout);
    expect(r?.report).toMatchObject({ isReport: true, agency: '东湖区农业农村局', year: 2023 });
    expect(r?.source.url).toMatch(/iframe-body\.html$/);
  }, 60_000);

  it('reads a GBK page by its meta charset', async () => {
    const { code, stdout } = await run(['check', join(PAGES, 'gbk-encoded.html')]);
    expect(code).toBe(0);
    expect(records(stdout)[0]?.report.agency).toBe('渌口区财政局');
  }, 60_000);

  it('runs the cross-year checks when last year of the same body is among the inputs', async () => {
    const { stdout } = await run(['check', join(PAGES, 'cross-year-2023-bad.html'), join(PAGES, 'cross-year-2022.html')]);
    const [bad, before] = records(stdout);
    expect(bad?.findings.filter((f) => f.rule.startsWith('crossYear') && f.status === 'fail').map((f) => f.id)).toEqual([
      'crossYear.carryOver:commercial',
      'crossYear.carryOver:total',
      'crossYear.inForce:regulations',
    ]);
    expect(before?.findings.some((f) => f.rule.startsWith('crossYear'))).toBe(false);
  }, 60_000);

  it('gives a non-report page a record with no tables and one na finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-np-'));
    writeFileSync(
      join(dir, 'news.html'),
      '<html><head><title>某区召开工作会议</title></head><body><p>会议要求……</p><table><tr><td>1</td></tr></table></body></html>',
    );
    const { code, stdout } = await run(['check', join(dir, 'news.html')]);
    expect(code).toBe(0);
    const [r] = records(stdout);
    expect(r?.report.isReport).toBe(false);
    expect(r?.tables).toEqual({});
    expect(r?.findings).toEqual([expect.objectContaining({ id: 'report.detected:page', status: 'na' })]);
  }, 60_000);

  it.each([
    [['check', '/no/such/file.html'], /^nianbao: cannot read \/no\/such\/file\.html: no such file or directory\n$/],
    [['check'], /^nianbao: no file or directory given\n$/],
    [['inspect', 'x.html'], /^nianbao: unknown command "inspect"/],
    [['check', 'x.html', '--format', 'xml'], /^nianbao: --format must be json or csv, not "xml"\n$/],
    [['check', 'x.html', '--bogus'], /^nianbao: unknown option --bogus\n$/],
  ])(
    'exits 2 with one line on stderr for %j',
    async (args, message) => {
      const { code, stdout, stderr } = await run(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    },
    60_000,
  );

  it('exits 2 for an unreadable file, with one line and no stack trace', async () => {
    // Root reads any file whatever its mode, but no one can read /proc/self/mem from offset 0 (EIO).
    const f = process.getuid?.() === 0 ? '/proc/self/mem' : join(mkdtempSync(join(tmpdir(), 'nianbao-perm-')), 'locked.html');
    if (f !== '/proc/self/mem') {
      writeFileSync(f, '<p>x</p>');
      chmodSync(f, 0);
    }
    const { code, stdout, stderr } = await run(['check', join(PAGES, 'seed000-plain.html'), f]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^nianbao: cannot read \/.*: (permission denied|input\/output error)\n$/i);
  }, 60_000);

  it('spreads a batch over worker threads: the same records as one thread, in input order, cross-year included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-batch-'));
    const names = readdirSync(PAGES)
      .filter((f) => /^(seed|cross-year|typo|worked)/.test(f))
      .sort();
    expect(names.length).toBeGreaterThanOrEqual(14);
    for (const n of names) copyFileSync(join(PAGES, n), join(dir, n));
    // The records pass through a scratch folder under TMPDIR, which is gone afterwards.
    const tmp = mkdtempSync(join(tmpdir(), 'nianbao-tmp-'));
    const bin = [join(ROOT, 'bin/nianbao.mjs')];
    const one = await run(['check', dir, '--jobs', '1'], process.execPath, bin, { TMPDIR: tmp });
    const two = await run(['check', dir, '--jobs', '2'], process.execPath, bin, { TMPDIR: tmp });
    const csv = await run(['check', dir, '--jobs', '2', '--format', 'csv'], process.execPath, bin, { TMPDIR: tmp });
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(readdirSync(tmp).filter((f) => f.startsWith('nianbao'))).toEqual([]); // (tsx keeps its cache there)
    // Written record by record, the text is still exactly JSON.stringify(records, null, 2).
    expect(two.stdout).toBe(`${JSON.stringify(JSON.parse(two.stdout), null, 2)}\n`);
    expect(csv.stdout).toBe(toCsv(records(two.stdout)));
    const strip = (stdout: string) => records(stdout).map((r) => ({ ...r, source: { ...r.source, capturedAt: '' } }));
    const a = strip(one.stdout);
    const b = strip(two.stdout);
    expect(b.map((r) => r.source.url.split('/').pop())).toEqual(names);
    expect(b).toEqual(a);
    const bad = b.find((r) => r.source.url.endsWith('cross-year-2023-bad.html'));
    expect(bad?.findings.filter((f) => f.rule.startsWith('crossYear') && f.status === 'fail').length).toBeGreaterThan(0);
  }, 120_000);

  it('exits 2 with one line when a file of a batch on worker threads cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-batch-bad-'));
    for (const n of readdirSync(PAGES).filter((f) => f.startsWith('seed'))) copyFileSync(join(PAGES, n), join(dir, n));
    const broken = join(dir, 'zz-broken.html');
    symlinkSync(join(dir, 'no-such-target.html'), broken);
    const tmp = mkdtempSync(join(tmpdir(), 'nianbao-tmp-'));
    const { code, stdout, stderr } = await run(['check', dir, '--jobs', '2'], process.execPath, [join(ROOT, 'bin/nianbao.mjs')], {
      TMPDIR: tmp,
    });
    expect(readdirSync(tmp).filter((f) => f.startsWith('nianbao'))).toEqual([]); // (tsx keeps its cache there)
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^nianbao: cannot read \/.*zz-broken\.html: no such file or directory\n$/);
  }, 120_000);

  it('prints usage with --help and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('nianbao check <file.html|dir>...');
  }, 60_000);
});
