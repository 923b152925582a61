/** The typed edge between the parts: one handler per message type, and what is left unanswered. */
import { describe, expect, it, vi } from 'vitest';
import { answer, type Handlers } from '../../utils/messages';

const handlers = (): Handlers<'nianbao:ping' | 'nianbao:locate' | 'nianbao:get', unknown> => ({
  'nianbao:ping': () => ({ status: 'none', url: 'http://x.gov.cn/', shown: false }),
  'nianbao:locate': (msg) => {
    if (msg.findingId === 'boom') throw new Error('boom');
    return msg.findingId === 'mine' ? true : undefined;
  },
  'nianbao:get': () => undefined,
});

describe('answering messages', () => {
  it('routes each message to the handler of its type and answers with a promise of its reply', async () => {
    const listen = answer(handlers());
    expect(await listen({ type: 'nianbao:ping' }, {})).toEqual({ status: 'none', url: 'http://x.gov.cn/', shown: false });
    expect(await listen({ type: 'nianbao:locate', findingId: 'mine' }, {})).toBe(true);
  });

  it('leaves alone what is not its own: other types, non-messages, and a handler that declines', () => {
    const listen = answer(handlers());
    expect(listen({ type: 'nianbao:show' }, {})).toBeUndefined();
    expect(listen({ type: 'toString' }, {})).toBeUndefined();
    expect(listen('nianbao:ping', {})).toBeUndefined();
    expect(listen(null, {})).toBeUndefined();
    expect(listen({ type: 'nianbao:locate', findingId: 'not mine' }, {})).toBeUndefined();
    expect(listen({ type: 'nianbao:get' }, {})).toBeUndefined();
  });

  it('reports a handler that throws and answers nothing', () => {
    const onError = vi.fn();
    const listen = answer(handlers(), onError);
    expect(listen({ type: 'nianbao:locate', findingId: 'boom' }, {})).toBeUndefined();
    expect(onError).toHaveBeenCalledOnce();
  });
});
