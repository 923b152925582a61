/**
 * What the reader does without the Zod schema (which would more than double its bundle): the
 * history's key prefix written out, and verdicts checked by hand exactly as the schema checks them.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { HISTORY_RECORD_PREFIX } from '../../entrypoints/reader.content/lifecycle';
import { Review } from '../../lib';
import { RECORD_PREFIX } from '../../utils/history/summary';
import { loadReviews } from '../../utils/reviews/store';

beforeEach(() => fakeBrowser.reset());

describe('the reader without the schema', () => {
  it('watches the history under the history’s own key prefix', () => {
    expect(HISTORY_RECORD_PREFIX).toBe(RECORD_PREFIX);
  });

  it('reads back exactly the verdicts the schema accepts', async () => {
    const values: Record<string, unknown> = {
      a: { status: 'confirmed', at: '2024-03-02T08:00:00.000Z' },
      b: { status: 'dismissed', at: '2024-03-02T08:00:00+08:00', note: '已核实' },
      c: { status: 'maybe', at: '2024-03-02T08:00:00.000Z' },
      d: { status: 'confirmed', at: 'yesterday' },
      e: { status: 'confirmed', at: '2024-03-02T08:00:00.000Z', note: 3 },
      f: { status: 'confirmed' },
      g: null,
      h: { status: 'dismissed', at: '2024-03-02T08:00:00Z' },
    };
    await fakeBrowser.storage.local.set({ 'nianbao:review:x': values });
    const read = await loadReviews('x');
    const schema = Object.keys(values).filter((k) => Review.safeParse(values[k]).success);
    expect(Object.keys(read).sort()).toEqual(schema.sort());
    expect(read.b).toEqual(values.b);
  });
});
