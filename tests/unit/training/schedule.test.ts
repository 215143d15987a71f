import { describe, expect, it } from 'vitest';
import type { LrSchedule } from '../../../src/graph/document';
import { decayFactor, learningRateAt, warmupFactor } from '../../../src/training/schedule';

/** The rate at a step of a run with 5 steps per epoch and 10 steps in all. */
const at = (schedule: LrSchedule, step: number, totalSteps = 10): number =>
  learningRateAt(0.1, schedule, { step, epoch: Math.floor((step - 1) / 5) + 1, totalSteps });

describe('learning-rate schedules (pure)', () => {
  it('constant keeps the base rate', () => {
    const s: LrSchedule = { kind: 'constant', warmupSteps: 0 };
    expect([1, 2, 7, 10].map((k) => at(s, k))).toEqual([0.1, 0.1, 0.1, 0.1]);
  });

  it('linear warm-up ramps base/W, 2·base/W, ... up to base, then holds', () => {
    expect([1, 2, 3, 4, 5, 9].map((k) => warmupFactor(4, k))).toEqual([0.25, 0.5, 0.75, 1, 1, 1]);
    expect(warmupFactor(0, 1)).toBe(1);
    const s: LrSchedule = { kind: 'constant', warmupSteps: 4 };
    expect([1, 2, 3, 4, 5].map((k) => at(s, k))).toEqual([0.025, 0.05, 0.1 * 0.75, 0.1, 0.1]);
  });

  it('step multiplies by gamma after every N epochs', () => {
    const s: LrSchedule = { kind: 'step', everyEpochs: 2, gamma: 0.5, warmupSteps: 0 };
    const byEpoch = [1, 2, 3, 4, 5].map((epoch) => decayFactor(s, { step: 1, epoch, totalSteps: 10 }));
    expect(byEpoch).toEqual([1, 1, 0.5, 0.5, 0.25]);
    // Combined with warm-up: step 2 of epoch 1 is half-way through a 4-step warm-up.
    const w: LrSchedule = { ...s, warmupSteps: 4 };
    expect(learningRateAt(0.1, w, { step: 2, epoch: 1, totalSteps: 10 })).toBe(0.05);
    expect(learningRateAt(0.1, w, { step: 12, epoch: 3, totalSteps: 20 })).toBe(0.05);
  });

  it('cosine falls from base towards 0 over the run', () => {
    const s: LrSchedule = { kind: 'cosine', warmupSteps: 0 };
    // t = step - 1 of T = 10: factor 0.5 (1 + cos(pi t / 10)).
    expect(at(s, 1)).toBe(0.1);
    expect(at(s, 6)).toBeCloseTo(0.05, 12); // t = 5: cos(pi/2) = 0
    expect(at(s, 10)).toBeCloseTo(0.1 * 0.5 * (1 - 0.9510565162951535), 12); // t = 9: cos(0.9 pi)
    expect(at(s, 10)).toBeGreaterThan(0);
  });

  it('cosine after a warm-up starts from the base rate on the first step after it', () => {
    const s: LrSchedule = { kind: 'cosine', warmupSteps: 2 };
    // Steps 1-2 warm up (0.05, 0.1); then T = 10 - 2 = 8 steps of cosine, t = step - 3.
    expect(at(s, 1)).toBe(0.05);
    expect(at(s, 2)).toBe(0.1);
    expect(at(s, 3)).toBe(0.1);
    expect(at(s, 7)).toBeCloseTo(0.05, 12); // t = 4 of 8
    // Past the planned run (a resumed run with more epochs, say) it stays at the end value.
    expect(at(s, 30)).toBeCloseTo(0, 12);
  });
});
