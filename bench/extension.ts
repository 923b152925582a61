/**
 * Sections 2–4: the built extension. Builds it (`wxt build` → .output/chrome-mv3), weighs its bundles,
 * then loads pages in two fresh Chromium profiles side by side, one with the extension and one
 * without, alternating: the content script's own time on pages that are not reports (from its
 * `nianbao:start`/`nianbao:end` marks, read in the page, and from a Chrome trace of every call into
 * its script), and the page load time with and without it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { launchProfile } from './lib/browser';
import { matchesPattern } from './lib/match';
import { type Report, renderTable } from './lib/report';
import { type Site, siteArgs } from './lib/server';
import { pageAssets, type Size, sizeOf } from './lib/sizes';
import { fmt, geomean, kb, pairedRatio, summarize } from './lib/stats';
import { scriptTimeDuring } from './lib/trace';
import { profileScript } from './lib/traceprofile';
import { LARGEST, NON_REPORT, OUT } from './pages';

interface Manifest {
  content_scripts?: { matches?: string[]; js?: string[]; css?: string[]; run_at?: string }[];
  host_permissions?: string[];
  action?: { default_popup?: string };
  browser_action?: { default_popup?: string };
  background?: { service_worker?: string };
}

const MARK_START = 'nianbao:start';
const MARK_END = 'nianbao:end';
const MEASURE = 'nianbao';
/** Pause after each timed load, so one browser's after-load work does not slow the next one's load. */
const SETTLE_MS = 150;
/** Our own build: only then is utils/look.ts what the measured extension runs. */
const DEFAULT_EXT = resolve('.output/chrome-mv3');

async function wxtBuild(): Promise<{ ok: boolean; seconds: number; tail: string }> {
  const started = performance.now();
  const child = spawn('npx', ['wxt', 'build'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => {
    log += d;
  });
  child.stderr.on('data', (d) => {
    log += d;
  });
  const code = await new Promise<number>((ok) => child.on('close', (c) => ok(c ?? 1)));
  await writeFile(join(OUT, 'wxt-build.log'), log);
  const tail = log
    .split('\n')
    .filter((l) => /ERROR|Error|error/.test(l))
    .slice(0, 3)
    .join(' | ');
  return { ok: code === 0, seconds: (performance.now() - started) / 1000, tail };
}

interface Visit {
  load: number;
  /** Content script time from its marks (ms), when it left them. */
  marked?: number;
  /** When the content script finished, from navigation start (ms). */
  endAt?: number;
}

/** Load `url` in `page` and read the navigation timing and, if `waitMarks`, the content script's marks. */
async function visit(page: Page, url: string, waitMarks: boolean): Promise<Visit> {
  await page.goto(url, { waitUntil: 'load' });
  if (waitMarks) {
    await page
      .waitForFunction(
        ([end, measure]) => performance.getEntriesByName(end).length > 0 || performance.getEntriesByName(measure).length > 0,
        [MARK_END, MEASURE] as const,
        {
          timeout: 1500,
          polling: 20,
        },
      )
      .catch(() => undefined);
  }
  return page.evaluate(
    ([start, end, measure]) => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const m = performance.getEntriesByName(measure)[0];
      const s = performance.getEntriesByName(start)[0];
      const e = performance.getEntriesByName(end)[0];
      const marked = m ? m.duration : s && e ? e.startTime - s.startTime : undefined;
      return { load: nav?.loadEventEnd ?? Number.NaN, marked, endAt: e?.startTime ?? (m ? m.startTime + m.duration : undefined) };
    },
    [MARK_START, MARK_END, MEASURE] as const,
  );
}

interface PageRow {
  page: string;
  report: boolean;
  without: number[];
  /** The same loads in a second browser without the extension (A/A). */
  without2: number[];
  /** With an extension that runs a script doing nothing, the way ours runs its script (the platform's own cost). */
  noop: number[];
  /** With a declared no-op content script (measured when ours is injected instead). */
  declared: number[];
  /** With a no-op script injected after load into the isolated world (measured when ours looks from the page's world). */
  isolated: number[];
  with: number[];
  marked: number[];
  endAt: number[];
  traced: number[];
}

export async function runExtension(
  site: Site,
  fixtures: string[],
  report: Report,
  opts: { quick: boolean; build: boolean; extDir: string },
) {
  const na = (why: string) => {
    for (const [s, m, g] of [
      ['2', 'content script on non-report pages (median)', '< 1 ms'],
      ['3', 'page load with ÷ without the extension', '≤ 1.02'],
      ['4', 'content script JS, gzipped', '≤ 30 KB'],
    ] as const)
      report.row(s, m, `n/a: ${why}`, g, null);
    report.note(`sections 2–4 not measured: ${why}`);
    return { skipped: why };
  };
  let build: Awaited<ReturnType<typeof wxtBuild>> | undefined;
  if (opts.build) {
    build = await wxtBuild();
    report.row('4', '`wxt build` (chrome-mv3), wall time', build.ok ? `${fmt(build.seconds)} s` : `FAILED after ${fmt(build.seconds)} s`);
    if (!build.ok) return na(`wxt build failed (${build.tail || 'see bench/out/wxt-build.log'})`);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(opts.extDir, 'manifest.json'), 'utf8'));
  } catch {
    return na(`no built extension at ${opts.extDir}`);
  }

  // ——— 4: sizes ———
  const cs = (manifest.content_scripts ?? []).filter((c) => c.js?.length);
  // The script that runs on every matching page: declared content scripts or, when none is declared,
  // what the background injects into loaded tabs (file names it mentions, outside content-scripts/).
  const injected = cs.length ? [] : await injectedScripts(opts.extDir, manifest);
  const csJs = cs.length ? [...new Set(cs.flatMap((c) => c.js ?? []))] : injected;
  const what = cs.length ? 'content script' : `script injected by the background after load`;
  const csDir = join(opts.extDir, 'content-scripts');
  const csCss = [
    ...new Set([
      ...cs.flatMap((c) => c.css ?? []),
      ...(await readdir(csDir).catch(() => [])).filter((f) => f.endsWith('.css')).map((f) => `content-scripts/${f}`),
    ]),
  ];
  const sizes: Record<string, Size> = {};
  // Ours declares nothing: the background's first look at every frame is a function serialised
  // into the page's own world (utils/look.ts); the loader is only the fallback where that world is
  // not available (Firefox < 128). Weighed as the build minifies it.
  const look = cs.length || opts.extDir !== DEFAULT_EXT ? null : await lookSize();
  const who = look ? "first look (page's world)" : 'content script';
  if (look) {
    sizes.lookJs = look;
    report.row(
      '4',
      "first look, run in the page's world of every frame we read (utils/look.ts, minified): raw / gzipped",
      `${kb(look.raw)} / ${kb(look.gzip)}`,
      '≤ 30 KB gz',
      look.gzip <= 30 * 1024,
    );
  }
  if (csJs.length) {
    sizes.contentJs = await sizeOf(opts.extDir, csJs);
    report.row(
      '4',
      `${look ? '  fallback ' : ''}${what} JS (${csJs.join(', ')}): raw / gzipped`,
      `${kb(sizes.contentJs.raw)} / ${kb(sizes.contentJs.gzip)}`,
      '≤ 30 KB gz',
      sizes.contentJs.gzip <= 30 * 1024,
    );
  } else report.row('4', 'content script JS', 'n/a: no content script declared or injected', '≤ 30 KB gz', null);
  // The reader is not declared: the loader has the background inject it only into frames that look like reports.
  const reader = (await readdir(csDir).catch(() => []))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `content-scripts/${f}`)
    .filter((f) => !csJs.includes(f));
  if (reader.length) {
    sizes.readerJs = await sizeOf(opts.extDir, reader);
    report.row(
      '4',
      `  reader injected on report frames only (${reader.join(', ')}): raw / gzipped`,
      `${kb(sizes.readerJs.raw)} / ${kb(sizes.readerJs.gzip)}`,
    );
  }
  if (csCss.length) {
    sizes.contentCss = await sizeOf(opts.extDir, csCss);
    report.row('4', 'content script CSS: raw / gzipped', `${kb(sizes.contentCss.raw)} / ${kb(sizes.contentCss.gzip)}`);
  }
  const popup = manifest.action?.default_popup ?? manifest.browser_action?.default_popup;
  if (popup) {
    const assets = await pageAssets(opts.extDir, popup);
    sizes.popupJs = await sizeOf(
      opts.extDir,
      assets.filter((f) => f.endsWith('.js')),
    );
    sizes.popupCss = await sizeOf(
      opts.extDir,
      assets.filter((f) => f.endsWith('.css')),
    );
    report.row(
      '4',
      `popup JS (${sizes.popupJs.files.length} files): raw / gzipped`,
      `${kb(sizes.popupJs.raw)} / ${kb(sizes.popupJs.gzip)}`,
    );
    report.row(
      '4',
      `popup CSS (${sizes.popupCss.files.length} files): raw / gzipped`,
      `${kb(sizes.popupCss.raw)} / ${kb(sizes.popupCss.gzip)}`,
    );
  } else report.row('4', 'popup', 'n/a: the manifest declares no popup');

  // ——— does the content script mark its work? ———
  const csText = (await Promise.all(csJs.map((f) => readFile(join(opts.extDir, f), 'utf8')))).join('\n');
  const hasMarks = look !== null || csText.includes(MARK_START) || csText.includes(`'${MEASURE}'`) || csText.includes(`"${MEASURE}"`);
  if (csJs.length && !hasMarks)
    report.note(
      `the content script (${csJs.join(', ')}) has no performance.mark('${MARK_START}'/'${MARK_END}'): section 2 falls back to the Chrome trace of its script (evaluation + callbacks). See bench/README.md for where the marks go.`,
    );

  // ——— pages ———
  const nonReport = [
    ...fixtures.filter((f) => /^non-report/.test(f)).map((f) => ({ page: f, url: site.url(`/fixtures/${f}`), report: false })),
    ...NON_REPORT.map((g) => ({ page: g, url: site.url(`/gen/${g}`), report: false })),
  ];
  const reports = [
    ...['seed000-plain.html', 'seed004-word.html']
      .filter((f) => fixtures.includes(f))
      .map((f) => ({ page: f, url: site.url(`/fixtures/${f}`), report: true })),
    { page: LARGEST, url: site.url(`/gen/${LARGEST}`), report: true },
  ];
  const pages = [...nonReport, ...reports];
  const patterns = cs.length ? cs.flatMap((c) => c.matches ?? []) : (manifest.host_permissions ?? []);
  const sample = pages[0]?.url ?? '';
  if (csJs.length && !patterns.some((p) => matchesPattern(p, sample)))
    report.note(`the content script's matches (${patterns.join(' ')}) do not cover the bench's pages (${sample}): it will not run on them`);

  const noopDir = cs.length ? await writeNoopExtension('noop-ext', cs) : await writeInjectingNoop(patterns, 'MAIN');
  // The browsers of a round, by role: ours; an extension whose script does nothing, run the way ours
  // is (declared with the same matches and run_at, or a function run by a background in the page's
  // world once the tab has loaded); when ours is injected, a no-op injected into the isolated world
  // and a declared no-op too (why ours is neither); none; and a second none, whose ratio to the
  // first is the measurement's own noise (A/A).
  const roles: { key: 'with' | 'noop' | 'declared' | 'isolated' | 'without' | 'without2'; dir: string | null; ext: boolean }[] = [
    { key: 'with', dir: opts.extDir, ext: true },
    { key: 'noop', dir: noopDir, ext: false },
    ...(cs.length
      ? []
      : [
          { key: 'isolated' as const, dir: await writeInjectingNoop(patterns, 'ISOLATED'), ext: false },
          {
            key: 'declared' as const,
            dir: await writeNoopExtension('declared-noop-ext', [{ matches: patterns, run_at: 'document_idle' }]),
            ext: false,
          },
        ]),
    { key: 'without', dir: null, ext: false },
    { key: 'without2', dir: null, ext: false },
  ];
  const rows: PageRow[] = pages.map((p) => ({
    page: p.page,
    report: p.report,
    without: [],
    without2: [],
    noop: [],
    declared: [],
    isolated: [],
    with: [],
    marked: [],
    endAt: [],
    traced: [],
  }));
  // Fresh browsers every round: a browser instance has a bias of its own (its processes' place on
  // the machine, its profile's state) that a fixed set of browsers would add to every ratio.
  const rounds = opts.quick ? 2 : 6;
  const perRound = 2;
  for (let round = 0; round < rounds; round++) {
    // Launched in an order that rotates too: two browsers with the same extension, launched one
    // after the other, differed by up to ±10 % in paired loads here (which one was not fixed).
    const open = [];
    for (let i = 0; i < roles.length; i++) {
      const role = roles[(i + round) % roles.length] as (typeof roles)[number];
      open.push({ role, browser: await launchProfile(role.dir, siteArgs(site)) });
    }
    try {
      for (const o of open)
        if (o.role.dir && o.browser.ctx.serviceWorkers().length === 0)
          await o.browser.ctx.waitForEvent('serviceworker', { timeout: 3000 }).catch(() => undefined);
      const tabs = await Promise.all(open.map(async (o) => ({ ...o.role, page: await firstPage(o.browser.ctx) })));
      // Warm each browser's caches (the engine, fonts and the like) before timing.
      for (const p of pages.slice(0, 2)) for (const t of tabs) await visit(t.page, p.url, false);
      for (const [k, p] of pages.entries()) {
        const row = rows[k] as PageRow;
        for (let i = 0; i < perRound; i++) {
          // Rotate the order, so no role always goes first.
          for (let j = 0; j < tabs.length; j++) {
            const t = tabs[(round * perRound + i + j) % tabs.length] as (typeof tabs)[number];
            const v = await visit(t.page, p.url, t.ext && hasMarks);
            row[t.key].push(v.load);
            // Let this browser finish what it does after the load (our reader runs then) before the
            // next one loads: the browsers share the machine's cores.
            await settle(t.page);
            if (t.ext && v.marked !== undefined) row.marked.push(v.marked);
            if (t.ext && v.endAt !== undefined) row.endAt.push(v.endAt);
          }
        }
      }
    } finally {
      for (const o of open) await o.browser.close();
    }
  }
  // The trace: every evaluation of and call into the extension's scripts in the page's renderer
  // (and, for ours, the functions it runs in the page's world).
  if (csJs.length) {
    const withExt = await launchProfile(opts.extDir, siteArgs(site));
    try {
      const pa = await firstPage(withExt.ctx);
      await visit(pa, pages[0]?.url as string, false);
      const cdp = await withExt.ctx.newCDPSession(pa);
      for (const row of rows) {
        const url = pages.find((p) => p.page === row.page)?.url as string;
        for (let i = 0; i < (opts.quick ? 2 : row.report ? 2 : 5); i++) {
          row.traced.push(
            await scriptTimeDuring(
              cdp,
              'chrome-extension://',
              async () => {
                await pa.goto(url, { waitUntil: 'load' });
                await pa.waitForTimeout(row.report ? 600 : 250);
              },
              // Ours takes its first look from the page's world (utils/look.ts): no URL there.
              { urlless: look !== null },
            ),
          );
        }
      }
      await cdp.detach();
    } finally {
      await withExt.close();
    }
  }

  // ——— rows ———
  const med = (xs: number[]) => summarize(xs).median;
  report.details.push(
    `Sections 2–3, per page (ms, medians; marks = the content script's own nianbao:start→end; trace = its JS in the renderer):\n${renderTable(
      [
        'page',
        'without',
        'A/A',
        'no-op',
        'isolated no-op',
        'declared no-op',
        'with',
        'with ÷ without',
        'with ÷ no-op',
        'marks med',
        'marks p95',
        'trace med',
        'done at',
      ],
      rows.map((r) => [
        `${r.page}${r.report ? ' (report)' : ''}`,
        fmt(med(r.without)),
        `${fmt(med(r.without2) / med(r.without))}×`,
        fmt(med(r.noop)),
        r.isolated.length ? fmt(med(r.isolated)) : '—',
        r.declared.length ? fmt(med(r.declared)) : '—',
        fmt(med(r.with)),
        `${fmt(med(r.with) / med(r.without))}×`,
        `${fmt(med(r.with) / med(r.noop))}×`,
        r.marked.length ? fmt(med(r.marked)) : '—',
        r.marked.length ? fmt(summarize(r.marked).p95) : '—',
        r.traced.length ? fmt(med(r.traced)) : '—',
        r.endAt.length ? fmt(med(r.endAt)) : '—',
      ]),
    )}`,
  );
  const nr = rows.filter((r) => !r.report);
  const rp = rows.filter((r) => r.report);
  if (csJs.length) {
    const marks = summarize(nr.flatMap((r) => r.marked));
    if (hasMarks && marks.n)
      report.row(
        '2',
        `${who} on non-report pages, marks: median / p95 (${marks.n} loads)`,
        `${fmt(marks.median)} / ${fmt(marks.p95)} ms`,
        '< 1 ms median',
        marks.median < 1,
      );
    else
      report.row(
        '2',
        `${who} on non-report pages, marks`,
        hasMarks ? 'n/a: no nianbao:end mark seen' : 'n/a: the content script sets no marks',
        '< 1 ms median',
        null,
      );
    const traced = summarize(nr.flatMap((r) => r.traced));
    report.row(
      '2',
      `${who} on non-report pages, trace (evaluate + callbacks): median / p95 (${traced.n} loads)`,
      `${fmt(traced.median)} / ${fmt(traced.p95)} ms`,
      hasMarks ? '' : '< 1 ms median',
      hasMarks ? null : traced.median < 1,
    );
    const worst = [...nr].sort((a, b) => med(b.traced) - med(a.traced))[0];
    if (worst) report.row('2', `  worst non-report page by trace (${worst.page})`, `${fmt(med(worst.traced))} ms`);
    const rmarks = summarize(rp.flatMap((r) => r.marked));
    const rtrace = summarize(rp.flatMap((r) => r.traced));
    report.row(
      '2',
      `${who} on report pages (info): marks median · trace median`,
      `${rmarks.n ? fmt(rmarks.median) : '—'} · ${fmt(rtrace.median)} ms`,
    );
  } else report.row('2', 'content script on non-report pages (median)', 'n/a: the manifest declares no content script', '< 1 ms', null);
  // Each round loads the page once in every browser, one after another: a round's loads are pairs.
  // The interval resamples rounds (each its own set of fresh browsers), then pairs within them.
  const paired = (a: (r: PageRow) => number[], b: (r: PageRow) => number[], of: PageRow[] = rows) =>
    pairedRatio(
      of.flatMap((r) => a(r).map((v, i) => [v, b(r)[i] ?? Number.NaN] as [number, number])),
      of.flatMap((r) => a(r).map((_, i) => Math.floor(i / perRound))),
    );
  const ci = (p: ReturnType<typeof pairedRatio>) =>
    `${fmt(p.ratio)}×  (95 % CI ${fmt(p.low)}–${fmt(p.high)}, ${p.n} pairs in ${p.rounds} rounds)`;
  const withOut = paired(
    (r) => r.with,
    (r) => r.without,
  );
  report.row(
    '3',
    `page load (loadEventEnd) with ÷ without, median of paired loads over ${rows.length} pages`,
    ci(withOut),
    '≤ 1.02',
    withOut.ratio <= 1.02,
  );
  const aa = paired(
    (r) => r.without2,
    (r) => r.without,
  );
  report.row('3', '  A/A: a second browser without it ÷ the first (the noise of this measurement)', ci(aa));
  const nrLoad = paired(
    (r) => r.with,
    (r) => r.without,
    nr,
  );
  report.row('3', `  non-report pages only (${nr.length})`, ci(nrLoad), '≤ 1.02', nrLoad.ratio <= 1.02);
  const rpLoad = paired(
    (r) => r.with,
    (r) => r.without,
    rp,
  );
  report.row('3', `  report pages only (${rp.length}; the panel comes after the load)`, ci(rpLoad), '≤ 1.02', rpLoad.ratio <= 1.02);
  report.row(
    '3',
    '  geomean of per-page median ratios (the earlier estimator, noisier)',
    `${fmt(geomean(rows.map((r) => med(r.with) / med(r.without))))}×`,
  );
  const delta = summarize(rows.map((r) => med(r.with) - med(r.without)));
  report.row('3', '  added load time, median over pages', `${fmt(delta.median)} ms`);
  const platform = paired(
    (r) => r.noop,
    (r) => r.without,
  );
  report.row(
    '3',
    cs.length
      ? '  a no-op content script ÷ without (what any content script costs here)'
      : "  a no-op function run in the page's world after load ÷ without (what looking this way costs here)",
    ci(platform),
  );
  if (!cs.length) {
    const iso = paired(
      (r) => r.isolated,
      (r) => r.without,
    );
    report.row(
      '3',
      "  a no-op script injected after load into the isolated world ÷ without (why the first look is in the page's world)",
      ci(iso),
    );
    const decl = paired(
      (r) => r.declared,
      (r) => r.without,
    );
    report.row('3', '  a declared no-op content script ÷ without (why ours is not declared)', ci(decl));
  }
  const own = paired(
    (r) => r.with,
    (r) => r.noop,
  );
  report.row('3', "  with ÷ no-op (our script's own share)", ci(own), '≤ 1.02', own.ratio <= 1.02);
  const panelAt = summarize(rp.flatMap((r) => r.endAt));
  if (panelAt.n) report.row('3', '  report pages: first look done at (from navigation start), median', `${fmt(panelAt.median)} ms`);
  const worstLoad = [...rows].sort((a, b) => med(b.with) / med(b.without) - med(a.with) / med(a.without))[0];
  if (worstLoad)
    report.row(
      '3',
      `  worst page (${worstLoad.page})`,
      `${fmt(med(worstLoad.with) / med(worstLoad.without))}×  (${fmt(med(worstLoad.with))} vs ${fmt(med(worstLoad.without))} ms)`,
    );
  const readerRuns = csJs.length ? await readerCold(site, opts.extDir, opts.quick ? 3 : 7, report) : undefined;
  const csMedian = hasMarks ? summarize(nr.flatMap((r) => r.marked)).median : summarize(nr.flatMap((r) => r.traced)).median;
  let profile: Awaited<ReturnType<typeof profileContentScript>> | undefined;
  if (csJs.length && csMedian >= 1 && !opts.quick && opts.build) {
    profile = await profileContentScript(site, nonReport.slice(0, 2), report);
  }
  return { build, manifest: { content_scripts: cs, popup }, sizes, hasMarks, pages: rows, profile, reader: readerRuns };
}

/**
 * The reader itself on the largest report page, cold, as a user meets it: a fresh browser with the
 * extension per run, the page loaded, the panel waited for, then the reader asked (the popup's
 * `nianbao:ping`) how long its reading took, all slices together, and its longest slice.
 */
async function readerCold(site: Site, extDir: string, rounds: number, report: Report) {
  const all: number[] = [];
  const longest: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const b = await launchProfile(extDir, siteArgs(site));
    try {
      const sw = b.ctx.serviceWorkers()[0] ?? (await b.ctx.waitForEvent('serviceworker', { timeout: 5000 }));
      const page = await firstPage(b.ctx);
      const url = site.url(`/gen/${LARGEST}`);
      await page.goto(url, { waitUntil: 'load' });
      await page.locator('nianbao-check .panel').waitFor({ timeout: 15_000 });
      const state = (await sw.evaluate(async (u) => {
        const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
        return tab?.id === undefined ? undefined : chrome.tabs.sendMessage(tab.id, { type: 'nianbao:ping' }, { frameId: 0 });
      }, url)) as { analysisMs?: number; analysisLongestMs?: number } | undefined;
      if (state?.analysisMs !== undefined) all.push(state.analysisMs);
      if (state?.analysisLongestMs !== undefined) longest.push(state.analysisLongestMs);
    } catch (e) {
      report.note(`reader on ${LARGEST}, run ${i + 1}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    } finally {
      await b.close();
    }
  }
  if (!longest.length) {
    report.row('2', `reader on the largest report page, cold: longest slice`, 'n/a: the reader did not answer', '< 16 ms', null);
    return { all, longest };
  }
  const l = summarize(longest);
  report.row(
    '2',
    `reader on the largest report page (${LARGEST}), cold, fresh browser per run (${longest.length}): reading, all slices, median`,
    `${fmt(summarize(all).median)} ms`,
  );
  report.row(
    '2',
    '  its longest slice (the longest it held the page): median / worst',
    `${fmt(l.median)} / ${fmt(Math.max(...longest))} ms`,
    '< 16 ms median (one frame)',
    l.median < 16,
  );
  return { all, longest };
}

/**
 * Where the content script's time goes on pages that are not reports: the same build with its
 * identifiers kept (bench/wxt.profile.config.ts), loaded on a few pages under Chrome's tracing CPU
 * profiler. Per load, by function, self and total. Native frames' names from this profiler are not
 * reliable (read their callers instead).
 */
async function profileContentScript(site: Site, pages: { page: string; url: string }[], report: Report) {
  const build = spawnSync('npx', ['wxt', 'build', '-c', 'bench/wxt.profile.config.ts'], { encoding: 'utf8' });
  if (build.status !== 0) {
    report.note('content script profile: the profiling build (bench/wxt.profile.config.ts) failed');
    return undefined;
  }
  const dir = resolve('.output/bench-profile/chrome-mv3');
  const browser = await launchProfile(dir, siteArgs(site));
  const out: Record<string, { fn: string; selfMs: number; totalMs: number }[]> = {};
  try {
    const page = await firstPage(browser.ctx);
    const cdp = await browser.ctx.newCDPSession(page);
    const loads = 6;
    for (const p of pages) {
      await page.goto(p.url, { waitUntil: 'load' });
      const r = await profileScript(cdp, 'chrome-extension://', async () => {
        for (let i = 0; i < loads; i++) {
          await page.goto(p.url, { waitUntil: 'load' });
          await page.waitForTimeout(250);
        }
      });
      const perLoad = r.hot.map((h) => ({ fn: h.fn, selfMs: h.selfMs / loads, totalMs: h.totalMs / loads }));
      out[p.page] = perLoad.slice(0, 40);
      const top = perLoad
        .filter((h) => !/^\(root\)/.test(h.fn))
        .slice(0, 14)
        .map((h) => `${h.fn} ${fmt(h.totalMs)}/${fmt(h.selfMs)}`);
      report.note(
        `content script profile, ${p.page}: ${fmt(r.totalMs / loads)} ms sampled per load; by function, total/self ms per load ((anonymous) = the bundle's top level): ${top.join('; ')}`,
      );
    }
  } finally {
    await browser.close();
  }
  return out;
}

/** bench/out/<name>: an extension whose content scripts match like ours and do nothing. */
async function writeNoopExtension(name: string, cs: NonNullable<Manifest['content_scripts']>): Promise<string> {
  const dir = resolve(OUT, name);
  await mkdir(dir, { recursive: true });
  const scripts = (cs.length ? cs : [{ matches: ['<all_urls>'] }]).map((c) => ({ ...c, js: ['noop.js'], css: undefined }));
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name: 'noop', version: '1.0', content_scripts: scripts }),
  );
  await writeFile(join(dir, 'noop.js'), 'void 0;\n');
  return dir;
}

/**
 * bench/out/injecting-noop-<world>-ext: an extension whose background, once a tab on `patterns` has
 * loaded, runs a function that does nothing in every frame: in the page's own world (`MAIN`, how
 * ours takes its first look) or in the extension's isolated world (`ISOLATED`, how ours ran its
 * loader before, and still does on browsers without the page's world).
 */
async function writeInjectingNoop(patterns: string[], world: 'MAIN' | 'ISOLATED'): Promise<string> {
  const dir = resolve(OUT, `injecting-noop-${world.toLowerCase()}-ext`);
  await mkdir(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: `injecting-noop-${world.toLowerCase()}`,
    version: '1.0',
    permissions: ['scripting'],
    host_permissions: patterns.length ? patterns : ['<all_urls>'],
    background: { service_worker: 'background.js' },
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(
    join(dir, 'background.js'),
    `chrome.tabs.onUpdated.addListener((tabId, change, tab) => {\n  if (change.status === 'complete' && tab.url)\n    chrome.scripting.executeScript({ target: { tabId, allFrames: true }, world: '${world}', func: () => 'none' }).catch(() => {});\n});\n`,
  );
  return dir;
}

/**
 * Scripts the background injects into pages: the `.js` paths its code names that exist in the build,
 * outside content-scripts/ (the reader, injected only into report frames, is weighed on its own).
 */
async function injectedScripts(extDir: string, manifest: Manifest): Promise<string[]> {
  const bg = manifest.background?.service_worker;
  if (!bg) return [];
  const code = await readFile(join(extDir, bg), 'utf8').catch(() => '');
  const named = [...code.matchAll(/["'`]\/?([\w./-]+\.js)["'`]/g)].map((m) => m[1] as string);
  const files = [...new Set(named)].filter((f) => f !== bg && !f.startsWith('content-scripts/') && !f.startsWith('chunks/'));
  const present = await Promise.all(
    files.map((f) =>
      readFile(join(extDir, f)).then(
        () => f,
        () => null,
      ),
    ),
  );
  return present.filter((f): f is string => f !== null);
}

/** utils/look.ts minified the way the build minifies (esbuild), as the function Chrome serialises into pages. */
async function lookSize(): Promise<Size> {
  const out = await build({
    entryPoints: [resolve('utils/look.ts')],
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    target: 'es2022',
  });
  const bytes = out.outputFiles[0]?.contents ?? new Uint8Array();
  return { files: ['utils/look.ts'], raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** Wait until the page's main thread has been idle for a moment (at most ~1.2 s). */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(SETTLE_MS);
  await page.evaluate(() => new Promise<void>((done) => requestIdleCallback(() => done(), { timeout: 1000 }))).catch(() => undefined);
}

async function firstPage(ctx: BrowserContext): Promise<Page> {
  return ctx.pages()[0] ?? ctx.newPage();
}
