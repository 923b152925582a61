/** The marks layer in a page of its own: one box per cell, keyboard and pointer, lost cells. */

import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { MarkLayer } from '../../entrypoints/reader.content/marks';
import { Scope } from '../../entrypoints/reader.content/scope';
import type { Finding, ReportRecord } from '../../lib';
import { markSpecs } from '../../utils/findings';

const cells = ['granted', 'partiallyGranted', 'totalProcessed'];
const record = {
  tables: {
    applications: Object.fromEntries(cells.map((row, i) => [row, { total: { value: i, raw: String(i), kind: 'number', label: row } }])),
  },
  findings: [
    {
      id: 't3.resultsSum:total',
      rule: 't3.resultsSum',
      status: 'fail',
      severity: 'error',
      message: '',
      formula: 'total = a + b',
      expected: 1,
      actual: 2,
      difference: 1,
      cells: cells.map((row) => ({ table: 'applications', row, column: 'total' })),
      suspect: { table: 'applications', row: 'partiallyGranted', column: 'total' },
      suspectValue: 0,
    } satisfies Finding,
  ],
} as unknown as ReportRecord;

let ctx: ContentScriptContext;
let scope: Scope;
let host: HTMLElement;
let layer: HTMLElement;
let tip: HTMLElement;
let tds: HTMLElement[];
let marks: MarkLayer;
const onActivate = vi.fn();

beforeAll(() => {
  // happy-dom has no layout: give each cell a box from its data attributes.
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const y = Number(this.dataset.y ?? 0);
    const w = this.dataset.y === undefined ? 0 : 50;
    return {
      x: 10,
      y,
      left: 10,
      top: y,
      width: w,
      height: w ? 20 : 0,
      right: 10 + w,
      bottom: y + (w ? 20 : 0),
      toJSON: () => ({}),
    } as DOMRect;
  });
});

beforeEach(() => {
  document.body.innerHTML = `<table><tbody>${cells.map((c, i) => `<tr><td data-y="${100 + i * 30}" id="${c}">${i}</td></tr>`).join('')}</tbody></table>`;
  tds = cells.map((c) => document.getElementById(c) as HTMLElement);
  host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  layer = document.createElement('div');
  tip = document.createElement('div');
  tip.hidden = true;
  root.append(layer, tip);
  ctx = new ContentScriptContext('test');
  scope = new Scope(ctx);
  const elements = new Map(cells.map((c, i) => [`applications|${c}|total`, tds[i] as Element]));
  marks = new MarkLayer({
    scope,
    doc: document,
    layer,
    tip,
    resolve: (spec) => (elements.get(spec.key)?.isConnected ? (elements.get(spec.key) as Element) : null),
    onActivate,
  });
  marks.set(record, markSpecs(record.findings).values());
});

afterEach(() => {
  scope.dispose();
  ctx.notifyInvalidated();
  onActivate.mockReset();
});

const boxes = () => Array.from(layer.querySelectorAll<HTMLElement>('.mark'));

describe('marks', () => {
  it('draw one box per cell over the cell, in reading order, the suspect marked as such', () => {
    expect(boxes().map((b) => b.dataset.ref)).toEqual(cells.map((c) => `applications|${c}|total`));
    expect(boxes().map((b) => b.hasAttribute('data-suspect'))).toEqual([false, true, false]);
    expect(boxes()[1]?.style.transform).toBe('translate(0px, 130px)');
    expect(boxes()[1]?.style.width).toBe('50px');
    expect(boxes()[0]?.getAttribute('aria-label')).toContain('列：（七）总计 = 予以公开 + 部分公开');
  });

  it('are one tab stop, moved between with the arrow keys', () => {
    expect(boxes().map((b) => b.tabIndex)).toEqual([0, -1, -1]);
    boxes()[0]?.focus();
    expect(tip.hidden).toBe(false);
    expect(tip.textContent).toContain('页面上写「0」');
    boxes()[0]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect((layer.getRootNode() as ShadowRoot).activeElement).toBe(boxes()[1]);
    expect(boxes().map((b) => b.tabIndex)).toEqual([-1, 0, -1]);
    expect(tip.textContent).toContain('最可能出错的一格');
    boxes()[1]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    expect((layer.getRootNode() as ShadowRoot).activeElement).toBe(boxes()[2]);
    boxes()[2]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(tip.hidden).toBe(true);
    boxes()[2]?.click();
    expect(onActivate).toHaveBeenCalledOnce();
  });

  it('explain a cell when the pointer is over it (whatever of ours is on top), and stop when it leaves', async () => {
    const move = (x: number, y: number) =>
      document.body.dispatchEvent(new MouseEvent('pointermove', { bubbles: true, clientX: x, clientY: y }));
    move(30, 170);
    await vi.waitFor(() => expect(tip.hidden).toBe(false));
    expect(tip.textContent).toContain('（七）总计 2 · 各项办理结果之和 1 · 相差 +1');
    move(300, 170);
    await vi.waitFor(() => expect(tip.hidden).toBe(true));
  });

  it('go back to the panel on a second Escape', () => {
    const onEscape = vi.fn();
    scope.dispose();
    scope = new Scope(ctx);
    const elements = new Map(cells.map((c, i) => [`applications|${c}|total`, tds[i] as Element]));
    marks = new MarkLayer({ scope, doc: document, layer, tip, resolve: (spec) => elements.get(spec.key) ?? null, onEscape });
    marks.set(record, markSpecs(record.findings).values());
    boxes()[0]?.focus();
    boxes()[0]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(tip.hidden).toBe(true);
    expect(onEscape).not.toHaveBeenCalled();
    boxes()[0]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onEscape).toHaveBeenCalledOnce();
  });

  it('count the cells they can no longer find', () => {
    expect(marks.count).toEqual({ shown: 3, lost: 0 });
    tds[0]?.remove();
    marks.layout();
    expect(marks.count).toEqual({ shown: 2, lost: 1 });
    expect(boxes()[0]?.hidden).toBe(true);
  });

  it('flash the cells of a finding, and cells with no mark get a passing highlight', () => {
    const extra = document.createElement('td');
    extra.dataset.y = '400';
    document.body.append(extra);
    marks.flash(['applications|granted|total'], [extra]);
    expect(boxes()[0]?.hasAttribute('data-flash')).toBe(true);
    expect(layer.querySelectorAll('.flash-only')).toHaveLength(1);
  });

  it('leave nothing behind when destroyed', () => {
    marks.destroy();
    expect(boxes()).toHaveLength(0);
    tds[2]?.dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(tip.hidden).toBe(true);
  });
});
