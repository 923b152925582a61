/**
 * `npm run bench`: every measurement of issue 4 side by side in one run, printed as one table and
 * written to bench/out/results.json. See bench/README.md for how to read it.
 *
 *   npm run bench                     all sections (builds the extension first)
 *   npm run bench -- --quick          shorter budgets, for trying the bench itself
 *   npm run bench -- --only=1,6       some sections (1 engine, 2-4 extension, 5 CLI, 6 linearity; 6 runs with 1)
 *   npm run bench -- --no-build       use .output/chrome-mv3 as it is
 *   npm run bench -- --ext=DIR        measure another unpacked extension (e.g. the probe, see README)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runCli } from './cli';
import { runEngine } from './engine';
import { runExtension } from './extension';
import { Report } from './lib/report';
import { serve } from './lib/server';
import { FIXTURES, fixturePages, LARGEST, NON_REPORT, OUT, SITE, writePages500, writeSite } from './pages';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const only = option('only')?.split(',');
const wants = (s: string) => !only || only.includes(s);
const quick = flag('quick');

async function main(): Promise<void> {
  const started = performance.now();
  await mkdir(OUT, { recursive: true });
  const report = new Report();
  await writeSite();
  const fixtures = await fixturePages();
  if (fixtures.length === 0) report.note(`no fixture pages in ${FIXTURES}: section 1 runs on the generated pages only`);
  const site = await serve({ '/fixtures/': FIXTURES, '/gen/': SITE });
  const stamp = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const log = (s: string) => process.stderr.write(`[bench ${stamp()}] ${s}\n`);
  try {
    if (wants('2') || wants('3') || wants('4')) {
      log('extension: build, sizes, content script, page load');
      report.data.extension = await runExtension(site, fixtures, report, {
        quick,
        build: !flag('no-build') && !option('ext'),
        extDir: option('ext') ? resolve(option('ext') as string) : resolve('.output/chrome-mv3'),
      });
    }
    if (wants('1') || wants('6')) {
      log('engine against the floor, in Chromium');
      const engineGenerated = [LARGEST, ...NON_REPORT];
      report.data.engine = await runEngine(site, fixtures, engineGenerated, report, { quick });
    }
    if (wants('5')) {
      log('command line on 500 pages');
      await writePages500(quick ? 100 : 500);
      report.data.cli = await runCli(report);
    }
  } finally {
    await site.close();
  }
  report.rows.sort((a, b) => a.section.localeCompare(b.section));
  const seconds = (performance.now() - started) / 1000;
  const out = { when: new Date().toISOString(), seconds, argv, rows: report.rows, notes: report.notes, ...report.data };
  await writeFile(join(OUT, 'results.json'), JSON.stringify(out, null, 2));
  for (const d of report.details) process.stdout.write(`\n${d}\n`);
  process.stdout.write(`\n${report.table()}\n`);
  if (report.notes.length) process.stdout.write(`\nNotes:\n${report.notes.map((n) => `  - ${n}`).join('\n')}\n`);
  const missed = report.rows.filter((r) => r.met === false).length;
  process.stdout.write(
    `\n${report.rows.filter((r) => r.met === true).length} goals met, ${missed} missed; ${seconds.toFixed(0)} s; details in ${join(OUT, 'results.json')}\n`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
