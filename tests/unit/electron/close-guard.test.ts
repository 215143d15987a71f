import { describe, expect, it } from 'vitest';
import { createCloseGuard } from '../../../electron/main/close-guard';

/** A fake window and fake timers: records what the guard did, and fires timers on demand. */
function setup() {
  const log: string[] = [];
  const timers = new Map<number, () => void>();
  let next = 0;
  const guard = createCloseGuard(
    { askRenderer: () => log.push('ask'), close: () => log.push('close') },
    {
      setTimeout: (fn) => (timers.set(++next, fn), next),
      clearTimeout: (h) => void timers.delete(h as number),
    },
    1000,
  );
  const fire = () => [...timers.values()].forEach((fn) => fn());
  return { guard, log, timers, fire };
}

describe('createCloseGuard (will-close handshake)', () => {
  it('prevents the first close and asks the renderer once', () => {
    const { guard, log } = setup();
    expect(guard.onClose()).toBe(true);
    expect(guard.onClose()).toBe(true); // a second click while asking asks nothing new
    expect(log).toEqual(['ask']);
  });

  it('closes when the renderer agrees, and lets that close through', () => {
    const { guard, log, timers } = setup();
    guard.onClose();
    guard.onReply(true);
    expect(log).toEqual(['ask', 'close']);
    expect(guard.onClose()).toBe(false);
    expect(timers.size).toBe(0);
  });

  it('stays open when the user cancels, and asks again next time', () => {
    const { guard, log, timers } = setup();
    guard.onClose();
    guard.onReply(false);
    expect(timers.size).toBe(0);
    expect(guard.onClose()).toBe(true);
    expect(log).toEqual(['ask', 'ask']);
  });

  it('ignores answers nobody asked for', () => {
    const { guard, log } = setup();
    guard.onReply(true);
    expect(log).toEqual([]);
    expect(guard.onClose()).toBe(true);
  });

  it('closes anyway when a hung renderer never answers', () => {
    const { guard, log, fire } = setup();
    guard.onClose();
    fire();
    expect(log).toEqual(['ask', 'close']);
    expect(guard.onClose()).toBe(false);
    guard.onReply(false); // too late: changes nothing
    expect(log).toEqual(['ask', 'close']);
  });
});
