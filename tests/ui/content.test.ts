/** The content script's helpers, away from the browser: waiting for late bodies, finding cells again, theme, sites. */

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { byPosition, resolver } from '../../entrypoints/reader.content/refind';
import { safe } from '../../entrypoints/reader.content/safe';
import { Scope } from '../../entrypoints/reader.content/scope';
import { luminance, pageIsDark } from '../../entrypoints/reader.content/theme';
import { watchForReport } from '../../entrypoints/reader.content/watch';
import type { Cell, ReportRecord } from '../../lib';
import { isGovSite, sitePattern } from '../../utils/sites';

let ctx: ContentScriptContext;
let scope: Scope;

beforeEach(() => {
  ctx = new ContentScriptContext('test');
  scope = new Scope(ctx);
  document.body.innerHTML = '';
});

afterEach(() => {
  scope.dispose();
  ctx.notifyInvalidated();
  vi.useRealTimers();
});

describe('waiting for a late body', () => {
  const reading = { analysis: {} as never, ms: 1 };

  it('answers at once when the report is already there', async () => {
    const attempt = vi.fn(async () => reading);
    expect(await watchForReport(scope, document, attempt).done).toBe(reading);
    expect(attempt).toHaveBeenCalledOnce();
  });

  it('looks again after the page changes, debounced, and stops watching once found', async () => {
    let ready = false;
    const attempt = vi.fn(async () => (ready ? reading : null));
    const watch = watchForReport(scope, document, attempt, { debounceMs: 20, budgetMs: 5_000 });
    for (let i = 0; i < 5; i++) document.body.append(document.createElement('p'));
    ready = true;
    expect(await watch.done).toBe(reading);
    // One look at start, one after the burst of changes settled.
    expect(attempt).toHaveBeenCalledTimes(2);
    document.body.append(document.createElement('p'));
    await new Promise((r) => setTimeout(r, 60));
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('runs one attempt at a time (they read in slices), and once more after changes made during one', async () => {
    let running = 0;
    let most = 0;
    let release: () => void = () => {};
    const attempt = vi.fn(async () => {
      running++;
      most = Math.max(most, running);
      // The first attempt is slow: it finishes only when released.
      if (attempt.mock.calls.length === 1) await new Promise<void>((r) => (release = r));
      running--;
      return attempt.mock.calls.length >= 2 ? reading : null;
    });
    const watch = watchForReport(scope, document, attempt, { debounceMs: 5, budgetMs: 5_000 });
    document.body.append(document.createElement('p'));
    await new Promise((r) => setTimeout(r, 40));
    // The change's debounced look came while the first attempt was still reading: it waits.
    expect(attempt).toHaveBeenCalledTimes(1);
    release();
    expect(await watch.done).toBe(reading);
    expect(attempt).toHaveBeenCalledTimes(2);
    expect(most).toBe(1);
  });

  it('gives up when the time budget runs out', async () => {
    const attempt = vi.fn(async () => null);
    const watch = watchForReport(scope, document, attempt, { debounceMs: 5, budgetMs: 40 });
    expect(await watch.done).toBeNull();
  });

  it('stops when its scope ends (navigation, extension reloaded)', async () => {
    const watch = watchForReport(scope, document, async () => null, { budgetMs: 60_000 });
    ctx.notifyInvalidated();
    expect(await watch.done).toBeNull();
    expect(scope.alive).toBe(false);
  });
});

describe('scope', () => {
  it('ends listeners, timers and cleanups together', async () => {
    const heard = vi.fn();
    const timed = vi.fn();
    const cleaned = vi.fn();
    scope.on(document, 'ping', heard);
    scope.timeout(timed, 10);
    scope.add(cleaned);
    document.dispatchEvent(new Event('ping'));
    scope.dispose();
    document.dispatchEvent(new Event('ping'));
    await new Promise((r) => setTimeout(r, 30));
    expect(heard).toHaveBeenCalledOnce();
    expect(timed).not.toHaveBeenCalled();
    expect(cleaned).toHaveBeenCalledOnce();
  });

  it('never lets an error reach the page', () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    expect(() =>
      safe(() => {
        throw new Error('boom');
      })(),
    ).not.toThrow();
    expect(debug).toHaveBeenCalled();
    debug.mockRestore();
  });
});

describe('finding a cell again', () => {
  const table = (rows: string[][]) => `<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
  const cell = (raw: string, row: number, col: number): Cell => ({ value: Number(raw), raw, kind: 'number', at: { table: 1, row, col } });

  it('by the same position of the same table, when it still shows the same text', () => {
    document.body.innerHTML =
      table([['x']]) +
      table([
        ['a', 'b'],
        ['1', '2'],
      ]);
    const found = byPosition(document, cell('2', 1, 1));
    expect(found?.textContent).toBe('2');
    expect(byPosition(document, cell('3', 1, 1))).toBeNull();
    expect(byPosition(document, { ...cell('2', 1, 1), at: { table: 5, row: 0, col: 0 } })).toBeNull();
  });

  it('after the page re-rendered the table, and keeps the element map current', () => {
    document.body.innerHTML =
      table([['x']]) +
      table([
        ['a', 'b'],
        ['1', '2'],
      ]);
    const record = { tables: { applications: { granted: { total: cell('2', 1, 1) } } } } as unknown as ReportRecord;
    const old = document.querySelectorAll('td')[4] as Element;
    const elements = new Map([['applications|granted|total', old]]);
    const resolve = resolver(document, record, elements);
    const ref = { table: 'applications' as const, row: 'granted', column: 'total' };
    expect(resolve(ref)).toBe(old);
    document.body.innerHTML =
      table([['x']]) +
      table([
        ['a', 'b'],
        ['1', '2'],
      ]);
    const again = resolve(ref);
    expect(again).not.toBe(old);
    expect(again?.isConnected).toBe(true);
    expect(elements.get('applications|granted|total')).toBe(again);
    document.body.innerHTML = '';
    expect(resolve(ref)).toBeNull();
    expect(elements.has('applications|granted|total')).toBe(false);
  });
});

describe('theme', () => {
  it('measures how light a colour is', () => {
    expect(luminance([255, 255, 255, 1])).toBeCloseTo(1);
    expect(luminance([0, 0, 0, 1])).toBe(0);
  });

  it('follows a dark or light page background, and says when there is none', () => {
    document.body.style.backgroundColor = 'rgb(20, 20, 24)';
    expect(pageIsDark(document)).toBe(true);
    document.body.style.backgroundColor = 'rgb(250, 250, 250)';
    expect(pageIsDark(document)).toBe(false);
    document.body.style.backgroundColor = '';
    document.documentElement.style.backgroundColor = '';
    expect(pageIsDark(document)).toBeNull();
  });
});

describe('sites', () => {
  it('knows government sites, which are always on', () => {
    expect(isGovSite('http://www.nanhu.gov.cn/art/1.html')).toBe(true);
    expect(isGovSite('https://gov.cn/')).toBe(true);
    expect(isGovSite('https://notgov.cn/')).toBe(false);
    expect(isGovSite('https://www.gov.cn.example.com/')).toBe(false);
    expect(isGovSite('file:///tmp/a.gov.cn.html')).toBe(false);
  });

  it('asks for one site at a time, both schemes', () => {
    expect(sitePattern('https://xxgk.example.edu.cn/2023/report.html?x=1')).toBe('*://xxgk.example.edu.cn/*');
    expect(sitePattern('chrome://extensions')).toBeNull();
    expect(sitePattern('not a url')).toBeNull();
  });
});
