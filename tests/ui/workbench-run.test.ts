// @vitest-environment node
/**
 * The workbench's run (utils/workbench/run.ts) against the fake portal (tests/portal/server.ts),
 * with the environment a test can give it: Node's fetch, jsdom for the parser, pdf.js for Node for
 * files, and a run store in memory. What each link became, in listing order, with the exact
 * reasons; requests one at a time and spaced; a paused run resumed by a new workbench asks for no
 * report twice; a report failed here and read in a tab is picked up.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeMammoth } from '../../cli/sources/docx';
import { nodePdfjs } from '../../cli/sources/pdf';
import { drain, type ReportRecord } from '../../lib';
import { summarize, summaryFigures } from '../../utils/history/summary';
import { workbenchReaders } from '../../utils/workbench/readers';
import { type RunEnv, WorkbenchRun } from '../../utils/workbench/run';
import { type RunState, tally } from '../../utils/workbench/state';
import { ENTRIES, type Portal, startPortal } from '../portal/server';

const DELAY = 100;
const SLACK = 15;
const entry = (n: number) => ENTRIES.flat().find((e) => e.path.endsWith(`_${n}.html`))?.path as string;
const pathOf = (url: string) => new URL(url).pathname;

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal({ slowMs: 300 });
});
afterAll(async () => {
  await portal.close();
});

function environment() {
  let stored: RunState | null = null;
  const saved = new Map<string, ReportRecord>();
  const opened: JSDOM[] = [];
  const parse = (html: string, url: string) => {
    const dom = new JSDOM(html, { url });
    opened.push(dom);
    return dom.window.document;
  };
  const env: RunEnv = {
    fetch: (url, init) => fetch(url, init) as never,
    now: () => Date.now(),
    // As the command line sleeps (cli/net.ts).
    sleep: (ms, signal) => sleep(ms, undefined, signal ? { signal } : {}),
    parse,
    readers: workbenchReaders({
      parse,
      files: { dom: new JSDOM('').window.document.implementation, pdfjs: nodePdfjs, mammoth: nodeMammoth },
      drive: async (steps) => drain(steps),
      previous: async () => null,
      capturedAt: () => '2026-12-03T00:00:00.000Z',
    }),
    save: async (record) => {
      const key = `nianbao:report:${record.source.url}`;
      saved.set(key, record);
      return key;
    },
    load: async () => (stored ? structuredClone(stored) : null),
    store: async (s) => {
      stored = structuredClone(s);
    },
  };
  return {
    env,
    saved,
    stored: () => stored,
    close: () => {
      for (const d of opened.splice(0)) d.window.close();
    },
  };
}

const until = async (test: () => boolean, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('a whole listing, in the workbench', () => {
  const e = environment();
  let run: WorkbenchRun;
  beforeAll(async () => {
    portal.reset();
    run = new WorkbenchRun(e.env, () => undefined);
    await run.open({ listing: portal.listing, follow: true }, DELAY);
    await until(() => run.state?.phase === 'done');
  }, 120_000);
  afterAll(() => e.close());

  it('gives every report link its fate, in listing order, with the reason of each failure', () => {
    const items = run.state?.items ?? [];
    expect(items.map((i) => [pathOf(i.url), i.state, i.reason ?? null])).toEqual([
      [entry(101), 'done', null],
      [entry(102), 'done', null],
      [entry(103), 'done', null],
      [entry(104), 'done', null],
      [entry(106), 'done', null],
      [entry(107), 'failed', 'source.fetch:status'],
      [entry(108), 'done', null],
      [entry(109), 'done', null],
      [entry(110), 'done', null],
      [entry(111), 'failed', 'source.fetch:challenge'],
      [entry(112), 'failed', 'source.fetch:stopped'],
    ]);
    expect(tally(items)).toEqual({ done: 8, skipped: 0, failed: 3, left: 0, total: 11 });
    expect(items[5]?.why).toContain('HTTP 404');
  });

  it('keeps the records: a GBK page and an undeclared one read right, the attachment-only report from its PDF', () => {
    const byPath = new Map([...e.saved.values()].map((r) => [pathOf(r.source.url), r]));
    expect(byPath.get(entry(102))?.report.agency).toContain('财政局');
    expect(byPath.get(entry(103))?.report.agency).toBe('卫滨区中同街街道办事处');
    const pdf = byPath.get('/files/P020240125.pdf');
    expect(pdf?.source.kind).toBe('pdf');
    expect(pdf?.source.attachmentOf).toBe(`${portal.url}${entry(104)}`);
    expect(pdf?.source.publishedAt).toBe('2024-01-25');
    // The summary the workbench's table shows: figures of 表三 and the derived rates.
    const first = byPath.get(entry(101)) as ReportRecord;
    const s = summaryFigures(summarize(first));
    expect(s.newReceived).toBe(first.tables.applications?.newReceived?.total?.value);
    expect(s.disclosureRate).toBe(first.derived.disclosureRate);
  });

  it('never had two requests at once, and spaced them by the delay', () => {
    const log = portal.log.filter((l) => !l.path.startsWith('/favicon'));
    for (let i = 1; i < log.length; i++) {
      const gap = (log[i]?.start as number) - (log[i - 1]?.end as number);
      expect(gap, `${log[i - 1]?.path} → ${log[i]?.path}`).toBeGreaterThanOrEqual(DELAY - SLACK);
    }
    // The 429 was waited out and asked again once; nothing else twice.
    const counts = new Map<string, number>();
    for (const l of log) counts.set(l.path, (counts.get(l.path) ?? 0) + 1);
    expect(counts.get(entry(106))).toBe(2);
    expect([...counts].filter(([p, n]) => n > 1 && p !== entry(106))).toEqual([]);
    expect(counts.has(entry(112))).toBe(false); // the challenge stopped the host
  });

  it('picks up a failed report that was read in a tab', async () => {
    const record = { ...(e.saved.values().next().value as ReportRecord) };
    const tabRead = summarize({ ...record, source: { ...record.source, url: `${portal.url}${entry(107)}` } }, 'nianbao:report:tab');
    expect(await run.pickUp([tabRead])).toBe(true);
    const item = run.state?.items.find((i) => pathOf(i.url) === entry(107));
    expect(item).toMatchObject({ state: 'done', key: 'nianbao:report:tab', fromTab: true });
    expect(item?.why).toBeUndefined();
  });
});

describe('a paused run, resumed by another workbench', () => {
  it('goes on where it stopped and asks for no report twice', async () => {
    portal.reset();
    const e = environment();
    const first = new WorkbenchRun({ ...e.env, onItem: (i) => i.state === 'done' && void first.pause() }, () => undefined);
    await first.open({ listing: portal.listing, year: 2023, follow: true }, DELAY);
    await until(() => e.stored()?.phase === 'paused');
    const doneBefore = tally(e.stored()?.items ?? []).done;
    expect(doneBefore).toBeGreaterThanOrEqual(1);
    expect(doneBefore).toBeLessThan(3);
    // A new workbench (the tab closed, the browser restarted): the stored run, paused, then resumed.
    const second = new WorkbenchRun(e.env, () => undefined);
    await second.open(null);
    expect(second.state?.phase).toBe('paused');
    await second.resume();
    await until(() => second.state?.phase === 'done');
    // 2023 only: the 2022 report (109) is not in the run.
    expect(second.state?.items.map((i) => pathOf(i.url))).not.toContain(entry(109));
    expect(tally(second.state?.items ?? []).done).toBe(7);
    const reports = portal.log.filter((l) => /t\d+_1\d\d\.html$/.test(l.path) && !l.path.endsWith('_106.html'));
    expect(new Set(reports.map((l) => l.path)).size).toBe(reports.length);
    e.close();
  }, 120_000);
});

describe('a run paused while it reads the listing', () => {
  it('reads the listing again when resumed, and then every report', async () => {
    portal.reset();
    const e = environment();
    let paused = false;
    const run = new WorkbenchRun(
      {
        ...e.env,
        // Pause once, as soon as the first listing page has been asked for.
        onRequest: (r) => {
          if (paused || !r.url.endsWith('/gk/nb/index.html')) return;
          paused = true;
          void run.pause();
        },
      },
      () => undefined,
    );
    await run.open({ listing: portal.listing, follow: true }, DELAY);
    await until(() => e.stored()?.phase === 'paused');
    expect(e.stored()?.items).toEqual([]);
    await run.resume();
    expect(run.state?.phase).toBe('discovering');
    await until(() => run.state?.phase === 'done');
    expect(tally(run.state?.items ?? [])).toMatchObject({ done: 8, failed: 3, total: 11 });
    e.close();
  }, 120_000);
});

describe('two workbench tabs, each with its own listing', () => {
  it('make the newer run: the first stops when the second starts, and the second runs to its end', async () => {
    portal.reset();
    const e = environment();
    // One store both tabs see (storage.onChanged tells the other tab), and one lock (a Web Lock).
    let stored: RunState | null = null;
    const runs: WorkbenchRun[] = [];
    let tail: Promise<void> = Promise.resolve();
    let held = false;
    const tab = (me: number): RunEnv => ({
      ...e.env,
      load: async () => (stored ? structuredClone(stored) : null),
      store: async (s) => {
        stored = structuredClone(s);
        for (const [i, r] of runs.entries()) if (i !== me) r.watch(structuredClone(s));
      },
      exclusive: async (work, _signal, waiting) => {
        if (held) waiting();
        const before = tail;
        let release: () => void = () => undefined;
        tail = new Promise<void>((done) => {
          release = done;
        });
        await before;
        held = true;
        try {
          await work();
        } finally {
          held = false;
          release();
        }
      },
    });
    runs.push(new WorkbenchRun(tab(0), () => undefined), new WorkbenchRun(tab(1), () => undefined));
    const [first, second] = runs as [WorkbenchRun, WorkbenchRun];
    await first.open({ listing: portal.listing, follow: true }, DELAY);
    await until(() => (first.state?.items.filter((i) => i.state === 'done').length ?? 0) >= 1);
    await second.open({ listing: portal.pagedListing, follow: true }, DELAY);
    await until(() => stored?.target.listing === portal.pagedListing && stored.phase === 'done');
    expect((stored as RunState | null)?.items.map((i) => [new URL(i.url).pathname, i.state])).toEqual([
      ['/col/a1.html', 'done'],
      ['/col/a2.html', 'done'],
      ['/col/a3.html', 'done'],
    ]);
    // The first tab stopped fetching when the newer run was stored (it did not go on through its
    // listing's 11 reports first), and shows the newer run.
    await until(() => !first.running);
    expect(first.state?.target.listing).toBe(portal.pagedListing);
    expect(portal.log.filter((l) => /_1\d\d\.html$/.test(l.path)).length).toBeLessThan(6);
    const log = portal.log;
    for (let i = 1; i < log.length; i++) expect((log[i]?.start as number) - (log[i - 1]?.end as number)).toBeGreaterThanOrEqual(0);
    e.close();
  }, 120_000);
});
