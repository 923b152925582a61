/** The marks and the measure the loader and the reader leave on the page's timeline, which the end-to-end tests and the bench read. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { timed } from '../../utils/timed';

afterEach(() => {
  performance.clearMarks();
  performance.clearMeasures();
});

describe('timed', () => {
  it('marks <name>:start and <name>:end around the start and measures <name>', () => {
    const ran = vi.fn();
    timed('nianbao:read', ran);
    expect(ran).toHaveBeenCalledOnce();
    expect(performance.getEntriesByName('nianbao:read:start')).toHaveLength(1);
    expect(performance.getEntriesByName('nianbao:read:end')).toHaveLength(1);
    expect(performance.getEntriesByName('nianbao:read', 'measure')).toHaveLength(1);
  });

  it('hands what the start throws to onError, never to the page, and still measures', () => {
    const onError = vi.fn();
    expect(() =>
      timed(
        'nianbao',
        () => {
          throw new Error('boom');
        },
        onError,
      ),
    ).not.toThrow();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }));
    expect(performance.getEntriesByName('nianbao', 'measure')).toHaveLength(1);
  });
});
