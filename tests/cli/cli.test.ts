import { execFile, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../lib/output/csv';
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

  it('writes to a device named with --out (/dev/null), which cannot be emptied first', async () => {
    const { code, stdout, stderr } = await run(['check', join(PAGES, 'seed001-thead.html'), '--out', '/dev/null']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe('');
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
    [['check', 'x.html', '--bogus'], /^nianbao: unknown option --bogus \(a path starting with - goes after --\)\n$/],
    [['check', '--jobs', '0', 'x.html'], /^nianbao: --jobs must be a whole number ≥ 1, not "0"\n$/],
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

  it('exits 2 with the usage on stderr when given nothing, through npx', async () => {
    const { code, stdout, stderr } = await run(['nianbao'], 'npx', ['--no-install']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.replace(/npm warn.*\n/g, '')).toMatch(
      /^nianbao: no command given\n用法 usage: nianbao check \[options\] \[--\] <file\.html\|file\.pdf\|file\.docx\|dir>\.\.\.\n/,
    );
  }, 60_000);

  it('gives an unreadable file its own record with one na finding, and reads the rest', async () => {
    // Root reads any file whatever its mode, but no one can read /proc/self/mem from offset 0 (EIO).
    const f = process.getuid?.() === 0 ? '/proc/self/mem' : join(mkdtempSync(join(tmpdir(), 'nianbao-perm-')), 'locked.html');
    if (f !== '/proc/self/mem') {
      writeFileSync(f, '<p>x</p>');
      chmodSync(f, 0);
    }
    const { code, stdout, stderr } = await run(['check', f, join(PAGES, 'seed000-plain.html')]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [bad, good] = records(stdout);
    expect(bad?.source.url).toBe(pathToFileURL(f).href);
    expect(bad?.tables).toEqual({});
    expect(bad?.findings).toEqual([
      {
        id: 'source.read:file',
        rule: 'source.read',
        status: 'na',
        severity: 'error',
        message: expect.stringMatching(/^无法读取这个文件：(读取时发生输入输出错误（EIO）|没有读取权限（EACCES）)。$/),
        cells: [],
      },
    ]);
    expect(good?.report.isReport).toBe(true);
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

  it('finishes a batch on worker threads whatever its bad files: each gets its own record, exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-batch-bad-'));
    for (const n of readdirSync(PAGES).filter((f) => f.startsWith('seed'))) copyFileSync(join(PAGES, n), join(dir, n));
    symlinkSync(join(dir, 'no-such-target.html'), join(dir, 'zz-dangling.html'));
    symlinkSync('/proc/self/mem', join(dir, 'zz-eio.html'));
    // Tables nested 5,000 deep: jsdom took 53 s on it, then overflowed the stack.
    writeFileSync(
      join(dir, 'zz-nested.html'),
      `<html><body>${'<table><tr><td>'.repeat(5000)}x${'</td></tr></table>'.repeat(5000)}</body></html>`,
    );
    // Past the byte limit (not even read), and past the element limit (not parsed).
    writeFileSync(join(dir, 'zz-huge.html'), Buffer.alloc(17 * 1024 * 1024, 'a'));
    writeFileSync(join(dir, 'zz-many.html'), `<html><body><table>${'<tr><td>1</td></tr>'.repeat(60_000)}</table></body></html>`);
    execFileSync('mkfifo', [join(dir, 'zz-fifo.html')]);
    const tmp = mkdtempSync(join(tmpdir(), 'nianbao-tmp-'));
    const { code, stdout, stderr } = await run(['check', dir, '--jobs', '2'], process.execPath, [join(ROOT, 'bin/nianbao.mjs')], {
      TMPDIR: tmp,
    });
    expect(readdirSync(tmp).filter((f) => f.startsWith('nianbao'))).toEqual([]); // (tsx keeps its cache there)
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const all = records(stdout);
    expect(all.filter((r) => r.report.isReport)).toHaveLength(readdirSync(PAGES).filter((f) => f.startsWith('seed')).length);
    const bad = Object.fromEntries(
      all
        .filter((r) => r.source.url.includes('/zz-'))
        .map((r) => [r.source.url.split('/').pop(), r.findings.map((f) => [f.id, f.status, f.actual])]),
    );
    expect(bad).toEqual({
      'zz-dangling.html': [['source.read:file', 'na', undefined]],
      'zz-eio.html': [['source.read:file', 'na', undefined]],
      'zz-fifo.html': [['source.read:file', 'na', undefined]],
      'zz-huge.html': [['source.size:bytes', 'na', 17 * 1024 * 1024]],
      'zz-many.html': [['source.size:elements', 'na', undefined]],
      'zz-nested.html': [['source.nesting:depth', 'na', undefined]],
    });
    const messages = all.filter((r) => r.source.url.includes('/zz-')).map((r) => r.findings[0]?.message);
    expect(messages).toEqual([
      '无法读取这个文件：文件不存在（可能是指向不存在文件的链接）（ENOENT）。',
      '无法读取这个文件：读取时发生输入输出错误（EIO）。',
      '这不是普通文件（是管道、设备或套接字），没有读取。',
      '文件有 17.0 MB（17,825,792 字节），超过上限 16.0 MB，没有读取：年度报告页面远小于此。',
      '页面（1.1 MB）有超过 100,000 个元素（上限），没有读取：年度报告页面的元素远少于此。',
      '页面（0.2 MB）的元素嵌套超过 512 层（上限），没有读取：年度报告页面的嵌套远浅于此。',
    ]);
  }, 120_000);

  it('gives a page that a worker cannot hold in memory its own record, and goes on with a new worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-batch-oom-'));
    for (let i = 0; i < 12; i++) copyFileSync(join(PAGES, 'seed001-plain.html'), join(dir, `p${String(i).padStart(2, '0')}.html`));
    // 90,000 elements, within the limits, but far beyond a worker capped at 96 MB.
    writeFileSync(join(dir, 'p05-big.html'), `<html><body>${'<div><span>1</span><b>2</b></div>'.repeat(30_000)}</body></html>`);
    const { code, stdout, stderr } = await run(['check', dir, '--jobs', '2'], process.execPath, [join(ROOT, 'bin/nianbao.mjs')], {
      NIANBAO_WORKER_HEAP_MB: '96',
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const all = records(stdout);
    expect(all.map((r) => r.source.url.split('/').pop())).toHaveLength(13);
    expect(all.filter((r) => r.report.agency === '南湖区人民政府办公室')).toHaveLength(12);
    const big = all.find((r) => r.source.url.endsWith('p05-big.html'));
    expect(big?.findings.map((f) => [f.id, f.message])).toEqual([
      ['source.memory:page', '读取这个页面所需内存超过了上限（96 MB），没有读完。'],
    ]);
  }, 120_000);

  it.each([
    ['SIGINT', 130, '2'],
    ['SIGTERM', 143, '1'],
  ] as const)(
    'on %s removes its scratch folder and exits %i (--jobs %s)',
    async (signal, status, jobs) => {
      const dir = mkdtempSync(join(tmpdir(), 'nianbao-signal-'));
      const names = readdirSync(PAGES).filter((f) => /^seed/.test(f));
      for (const n of names) copyFileSync(join(PAGES, n), join(dir, n));
      const tmp = mkdtempSync(join(tmpdir(), 'nianbao-tmp-'));
      const out = join(dir, 'out.json');
      const child = spawn(process.execPath, [join(ROOT, 'bin/nianbao.mjs'), 'check', dir, '--jobs', jobs, '--out', out], {
        env: { ...process.env, TMPDIR: tmp },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      const exited = new Promise<[number | null, string | null]>((ok) => child.on('exit', (code, sig) => ok([code, sig])));
      // Signal it once the batch has written its first record into the scratch folder.
      const scratch = () => readdirSync(tmp).filter((f) => f.startsWith('nianbao'));
      for (;;) {
        const [s] = scratch();
        if (s && readdirSync(join(tmp, s)).some((f) => f.endsWith('.json'))) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      child.kill(signal);
      expect(await exited).toEqual([status, null]);
      expect(stderr).toBe('');
      expect(scratch()).toEqual([]);
      expect(existsSync(out)).toBe(false); // it created the file, and took it away again
    },
    120_000,
  );

  it('stops quietly, exit 0, when the reader of its output goes away (| head)', async () => {
    const pages = ['seed000-plain.html', 'seed001-plain.html', 'seed002-plain.html'].map((n) => join(PAGES, n));
    const { stdout, stderr } = await run(
      ['-c', `set -o pipefail; "${process.execPath}" bin/nianbao.mjs check ${pages.join(' ')} | head -c 100; echo " exit=$?"`],
      'bash',
      [],
    );
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^\[\n {2}\{\n {4}"schemaVersion": 1,[\s\S]{60,} exit=0\n$/);
  }, 60_000);

  it.each([
    [
      'a missing folder',
      (d: string) => join(d, 'no-such-dir', 'out.json'),
      /^nianbao: cannot write .*no-such-dir\/out\.json: no such file or directory\n$/,
    ],
    ['a directory', (d: string) => d, /^nianbao: cannot write .*: is a directory\n$/],
  ])(
    'reports an --out into %s before any page is read (exit 2)',
    async (_, outOf, message) => {
      const dir = mkdtempSync(join(tmpdir(), 'nianbao-out-'));
      const tmp = mkdtempSync(join(tmpdir(), 'nianbao-tmp-'));
      const page = join(dir, 'read.html');
      copyFileSync(join(PAGES, 'seed001-plain.html'), page);
      // A batch begins by making its scratch folder: watch for one, even made and removed again.
      const made: string[] = [];
      const watcher = watch(tmp, (_, name) => {
        if (name?.startsWith('nianbao')) made.push(name);
      });
      const { code, stdout, stderr } = await run(['check', page, '--out', outOf(dir)], process.execPath, [join(ROOT, 'bin/nianbao.mjs')], {
        TMPDIR: tmp,
      });
      await new Promise((r) => setTimeout(r, 200));
      watcher.close();
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(made).toEqual([]);
    },
    60_000,
  );

  it('leaves an existing --out file whole until the output begins, then replaces its content', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-out-'));
    const out = join(dir, 'out.json');
    writeFileSync(out, 'x'.repeat(100_000));
    const bad = await run(['check', join(dir, 'missing.html'), '--out', out]);
    expect(bad.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('x'.repeat(100_000));
    const { code } = await run(['check', join(PAGES, 'seed001-plain.html'), '--out', out]);
    expect(code).toBe(0);
    expect(records(readFileSync(out, 'utf8'))[0]?.report.agency).toBe('南湖区人民政府办公室');
  }, 60_000);

  it('reads the arguments after -- as paths, even one named like an option', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-dash-'));
    copyFileSync(join(PAGES, 'seed001-plain.html'), join(dir, '-x.html'));
    const before = await run(['check', '-x.html'], process.execPath, [join(ROOT, 'bin/nianbao.mjs')]);
    expect(before.code).toBe(2);
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [join(ROOT, 'bin/nianbao.mjs'), 'check', '--format', 'json', '--', '-x.html'],
        { cwd: dir },
        (err, so, se) => resolve({ code: err ? Number(err.code) : 0, stdout: so, stderr: se }),
      );
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [r] = records(stdout);
    expect(r?.source.url).toBe(pathToFileURL(join(dir, '-x.html')).href);
    expect(r?.report.agency).toBe('南湖区人民政府办公室');
  }, 60_000);

  it('prints usage with --help and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('nianbao check [options] [--] <file.html|file.pdf|file.docx|dir>...');
  }, 60_000);
});
