import type { LrSchedule } from '../graph/document';

/** Where in the run a step is, as the schedules need it. */
export interface SchedulePoint {
  /** The step being taken, 1-based over the whole run. */
  step: number;
  /** The epoch it belongs to, 1-based. */
  epoch: number;
  /** Steps of the configured run (epochs × batches per epoch; run limits only cut it short). */
  totalSteps: number;
}

/** The linear warm-up factor: step/warmupSteps during the warm-up, then 1 (no warm-up: always 1). */
export function warmupFactor(warmupSteps: number, step: number): number {
  return warmupSteps <= 0 ? 1 : Math.min(1, step / warmupSteps);
}

/**
 * The schedule's own factor, warm-up aside.
 * - constant: 1.
 * - step: gamma^floor((epoch - 1) / everyEpochs), so epochs 1..N use the base rate.
 * - cosine: 0.5·(1 + cos(π·t/T)) with t the steps taken after the warm-up (0 on the
 *   first one) and T the run's steps after the warm-up: the base rate on the first
 *   step after the warm-up, falling towards 0 at the end of the run. 1 during the warm-up.
 */
export function decayFactor(schedule: LrSchedule, at: SchedulePoint): number {
  switch (schedule.kind) {
    case 'constant':
      return 1;
    case 'step':
      return schedule.gamma ** Math.floor((at.epoch - 1) / schedule.everyEpochs);
    case 'cosine': {
      const span = at.totalSteps - schedule.warmupSteps;
      const t = at.step - schedule.warmupSteps - 1;
      if (span <= 0 || t < 0) return 1;
      return 0.5 * (1 + Math.cos((Math.PI * Math.min(t, span)) / span));
    }
  }
}

/** The learning rate of one step: base × warm-up × schedule. Pure; no tfjs. */
export function learningRateAt(baseLr: number, schedule: LrSchedule, at: SchedulePoint): number {
  return baseLr * warmupFactor(schedule.warmupSteps, at.step) * decayFactor(schedule, at);
}
