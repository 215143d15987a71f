import { describe, expect, it } from 'vitest';
import { StatsPlanner } from '../../../src/runtime/stats-planner';

const at = (step: number, now: number, extra: { epochEnd?: boolean; single?: boolean } = {}) => ({
  step,
  now,
  epochEnd: false,
  single: false,
  ...extra,
});

describe('StatsPlanner', () => {
  it('with everySteps: every N-th step, epoch ends and single steps', () => {
    const p = new StatsPlanner({ enabled: true, everySteps: 3, sampleValues: 1 }, 0);
    const picked = [1, 2, 3, 4, 5, 6, 7].filter((s) => p.wants(at(s, 0, { epochEnd: s === 5 })));
    expect(picked).toEqual([3, 5, 6]);
    expect(p.wants(at(8, 0, { single: true }))).toBe(true);
  });

  it('without: about 4 a second, stretched so cheap-looking snapshots stay within 10 % of the time', () => {
    const p = new StatsPlanner({ enabled: true, sampleValues: 1 }, 0);
    expect(p.wants(at(1, 100))).toBe(false);
    p.record(100, false);
    expect(p.wants(at(2, 250))).toBe(true);
    expect(p.intervalMs).toBe(250);
    p.record(150, true); // a snapshot costs 50 ms more than a plain step: one per 500 ms at most
    expect(p.intervalMs).toBe(500);
    // Slow steps: never two timed snapshots in a row, so the plain step time stays known.
    expect(p.wants(at(3, 900))).toBe(false);
    p.record(100, false);
    expect(p.wants(at(4, 900))).toBe(true);
  });

  it('never captures when disabled', () => {
    const p = new StatsPlanner({ enabled: false, everySteps: 1, sampleValues: 1 }, 0);
    expect(p.wants(at(1, 1000, { epochEnd: true, single: true }))).toBe(false);
  });
});
