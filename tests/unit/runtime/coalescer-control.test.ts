import { describe, expect, it } from 'vitest';
import { BatchCoalescer } from '../../../src/runtime/coalescer';
import { RunControl } from '../../../src/runtime/control';

describe('BatchCoalescer', () => {
  it('waits for the interval, then hands over every step since the last message', () => {
    const c = new BatchCoalescer(250, 0);
    expect(c.flush(1, 0)).toBeNull();
    c.add(1, 1, 2.5, 0.1, 10, 50);
    expect(c.due(100)).toBe(false);
    c.add(2, 2, 2.0, 0.2, 10, 50);
    expect(c.due(250)).toBe(true);
    const p = c.flush(1, 250)!;
    expect(Array.from(p.steps)).toEqual([1, 2]);
    expect(Array.from(p.losses)).toEqual([2.5, 2.0]);
    expect(p.accuracies[1]).toBeCloseTo(0.2);
    expect(p.batchInEpoch).toBe(2);
    // 20 examples in 100 ms of step time.
    expect(p.examplesPerSec).toBe(200);
    expect(c.due(1000)).toBe(false);
    c.add(3, 1, 1, 1, 10, 10);
    expect(c.due(400)).toBe(false);
    expect(c.due(500)).toBe(true);
  });
});

describe('RunControl', () => {
  it('pauses at the gate, announces once, single-steps and resumes', async () => {
    const events: boolean[] = [];
    const c = new RunControl((p) => events.push(p));
    expect(await c.gate()).toBe('run');
    c.step(); // ignored while running
    c.pause();
    const waiting = c.gate();
    await Promise.resolve();
    expect(events).toEqual([true]);
    c.step();
    expect(await waiting).toBe('run');
    const again = c.gate();
    c.resume();
    expect(await again).toBe('run');
    expect(events).toEqual([true, false]);
    c.stop();
    expect(await c.gate()).toBe('stop');
  });

  it('a pause that ends before the loop reaches the gate is never announced', async () => {
    const events: boolean[] = [];
    const c = new RunControl((p) => events.push(p));
    c.pause();
    c.resume();
    expect(await c.gate()).toBe('run');
    expect(events).toEqual([]);
  });

  it('stop releases a paused loop', async () => {
    const c = new RunControl(() => {});
    c.pause();
    const waiting = c.gate();
    c.stop();
    expect(await waiting).toBe('stop');
  });
});
