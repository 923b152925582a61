/** The markup measure that lets the command line refuse a page before jsdom parses it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkShape, MAX_DEPTH, MAX_ELEMENTS, SHAPE_LIMITS, workerMemoryMb } from '../../cli/limits';
import { PageProblem } from '../../cli/problem';
import { markupShape } from '../../cli/shape';

const FIXTURE = (name: string) => readFileSync(new URL(`../fixtures/pages/${name}`, import.meta.url), 'utf8');

describe('markupShape', () => {
  it('counts elements and the depth the parser would build', async () => {
    expect(await markupShape('<html><body><div><p>a<b>b</b></p></div><br><img src=x></body></html>')).toEqual({ elements: 7, depth: 5 });
  });

  it('implies the end tags a page may omit, so sloppy ordinary markup stays shallow', async () => {
    const sloppy = `<body>${'<p>para'.repeat(2000)}<ul>${'<li>item'.repeat(2000)}</ul><table>${'<tr><td>1<td>2'.repeat(2000)}</table></body>`;
    const shape = await markupShape(sloppy);
    expect(shape.elements).toBe(1 + 2000 + 1 + 2000 + 1 + 2000 * 3);
    expect(shape.depth).toBeLessThanOrEqual(4);
  });

  it('sees tables nested deep, and <div/> (which opens a div in HTML) repeated', async () => {
    expect((await markupShape(`${'<table><tr><td>'.repeat(600)}x`)).depth).toBe(1800);
    expect((await markupShape('<div/>'.repeat(700))).depth).toBe(700);
    // In SVG the slash does close the element.
    expect((await markupShape(`<svg>${'<path/>'.repeat(700)}</svg>`)).depth).toBe(1);
  });

  it('does not count tags inside scripts, styles and comments', async () => {
    expect(
      await markupShape(`<script>${'"<div>"+'.repeat(900)}1</script><style>/*<div>*/</style><!--${'<div>'.repeat(900)}--><p>x</p>`),
    ).toEqual({
      elements: 3,
      depth: 1,
    });
  });

  it('stops counting past the limits', async () => {
    const deep = await markupShape('<div>'.repeat(20_000), SHAPE_LIMITS);
    expect(deep.depth).toBe(MAX_DEPTH + 1);
    const many = await markupShape('<br>'.repeat(200_000), SHAPE_LIMITS);
    expect(many.elements).toBe(MAX_ELEMENTS + 1);
  });

  it('finds every report fixture well within the limits', async () => {
    for (const name of ['seed000-word.html', 'seed004-word.html', 'nested-layout-table.html', 'split-t3-three-parts.html']) {
      const shape = await markupShape(FIXTURE(name));
      expect(shape.depth).toBeLessThan(MAX_DEPTH / 10);
      expect(shape.elements).toBeLessThan(MAX_ELEMENTS / 10);
      expect(() => checkShape(shape, 1)).not.toThrow();
    }
  });
});

describe('checkShape', () => {
  it('refuses a page past either limit with its own finding id', () => {
    const id = (shape: { elements: number; depth: number }): string[] | null => {
      try {
        checkShape(shape, 2 * 1024 * 1024);
        return null;
      } catch (e) {
        if (e instanceof PageProblem) return [e.id, e.rule, e.zh];
        throw e;
      }
    };
    expect(id({ elements: MAX_ELEMENTS + 1, depth: 3 })).toEqual([
      'source.size:elements',
      'source.size',
      '页面（2.0 MB）有超过 100,000 个元素（上限），没有读取：年度报告页面的元素远少于此。',
    ]);
    expect(id({ elements: 10, depth: MAX_DEPTH + 1 })?.[0]).toBe('source.nesting:depth');
    expect(id({ elements: MAX_ELEMENTS, depth: MAX_DEPTH })).toBeNull();
  });
});

describe('workerMemoryMb', () => {
  it('grows with the largest page and stops at the cost of the largest page accepted', () => {
    expect(workerMemoryMb(0)).toBe(200);
    expect(workerMemoryMb(100 * 1024)).toBe(215);
    expect(workerMemoryMb(2.4e6)).toBe(552);
    expect(workerMemoryMb(16 * 1024 * 1024)).toBe(552);
    expect(workerMemoryMb(1e9)).toBe(552);
  });
});
