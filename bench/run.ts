/**
 * `npm run bench`: the figures a user feels, each measured side by side in one run, printed as one
 * table and written to bench/out/results.json (how to read them: bench/README.md).
 *
 *   npm run bench                   every section (builds the extension into .output/bench/ first)
 *   npm run bench -- --quick        fewer rounds, to try the bench itself
 *   npm run bench -- --only=1,3     some sections: 1 non-report pages, 2 report page cold, 3 page load, 4 command line, 5 a PDF in the attachment page, 6 the workbench
 *   npm run bench -- --no-build     measure .output/bench/chrome-mv3 as it is
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { buildExtension, ROOT } from '../tests/harness/build';
import { type Chromium, launchChromium } from '../tests/harness/chromium';
import { type Site, serve } from '../tests/harness/site';
import { runAttachmentPage } from './attachmentPage';
import { runCli } from './cli';
import { runFirstLook } from './firstLook';
import { Report } from './lib/report';
import { runPageLoad } from './pageLoad';
import { FIXTURES, fixturePages, LARGEST, NON_REPORT, ORDINARY, OUT, SITE, writeSite } from './pages';
import { runReportPage } from './reportPage';
import { runWorkbench } from './workbench';

/** What every section is given. */
export interface Bench {
  quick: boolean;
  site: Site;
  /** The built extension (absolute). */
  extension: string;
  /** A fresh browser pointed at the site, with `extension` or none. */
  launch(extension: string | null): Promise<Chromium>;
  nonReport: string[];
  reports: string[];
}

const SECTIONS = [
  ['1', 'the extension on non-report pages', 'firstLook', runFirstLook],
  ['2', 'report pages, cold', 'reportPage', runReportPage],
  ['3', 'page load with and without the extension', 'pageLoad', runPageLoad],
  ['4', 'the command line', 'cli', runCli],
  ['5', 'a PDF report in the attachment page', 'attachmentPage', runAttachmentPage],
  ['6', 'the workbench: a listing run, the table over 5,000 records', 'workbench', runWorkbench],
] as const;

const argv = process.argv.slice(2);
const only = argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wants = (section: string) => !only || only.includes(section);

async function main(): Promise<void> {
  const started = performance.now();
  const log = (s: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0)} s] ${s}\n`);
  await mkdir(OUT, { recursive: true });
  await writeSite();
  const report = new Report();
  const browserSections = ['1', '2', '3', '5', '6'].some(wants);
  let extension = join(ROOT, '.output', 'bench', 'chrome-mv3');
  if (browserSections && !argv.includes('--no-build')) {
    log('wxt build');
    extension = buildExtension('.output/bench');
  }
  // Cross-origin isolated pages: performance.now() at 5 µs, for the look's own measure.
  const site = await serve(
    { '/fixtures/': FIXTURES, '/gen/': SITE, '/files/': join(ROOT, 'tests/fixtures/attachments/files') },
    { host: 'www.nianbao-bench.gov.cn', isolated: true },
  );
  const fixtures = await fixturePages();
  const bench: Bench = {
    quick: argv.includes('--quick'),
    site,
    extension,
    launch: (ext) => launchChromium({ extension: ext, site }),
    nonReport: [
      ...fixtures.filter((f) => f.startsWith('non-report')).map((f) => site.url(`/fixtures/${f}`)),
      ...NON_REPORT.map((g) => site.url(`/gen/${g}`)),
    ],
    reports: [site.url(`/fixtures/${ORDINARY}`), site.url('/fixtures/seed004-word.html'), site.url(`/gen/${LARGEST}`)],
  };
  try {
    for (const [section, what, key, run] of SECTIONS)
      if (wants(section)) {
        log(`${section}: ${what}`);
        report.data[key] = await run(bench, report);
      }
  } finally {
    await site.close();
  }
  const seconds = (performance.now() - started) / 1000;
  // The machine's load says how far to trust the figures (they double on a machine running ten other jobs).
  const load = `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} (1 / 5 / 15 min) on ${cpus().length} cores`;
  const results = { when: new Date().toISOString(), seconds, load, argv, rows: report.rows, notes: report.notes, ...report.data };
  await writeFile(join(OUT, 'results.json'), JSON.stringify(results, null, 2));
  process.stdout.write(`\n${report.table()}\n`);
  if (report.notes.length) process.stdout.write(`\nNotes:\n${report.notes.map((n) => `  - ${n}`).join('\n')}\n`);
  const met = report.rows.filter((r) => r.met === true).length;
  const missed = report.rows.filter((r) => r.met === false).length;
  const undecided = report.rows.filter((r) => r.met === null && r.goal).length;
  process.stdout.write(
    `\n${met} goals met, ${missed} missed, ${undecided} undecided; ${seconds.toFixed(0)} s; details in ${join(OUT, 'results.json')}; ${load}\n`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
