import type { StatsOptions } from '../training/protocol';

/** Least time between two timed snapshots when no step interval is given (about 4 a second). */
export const STATS_INTERVAL_MS = 250;

/** Timed snapshots may slow training by about this share at most (their measured extra cost sets the interval). */
export const STATS_OVERHEAD_BUDGET = 0.1;

/** Weight of the newest measurement in the running step-time averages. */
const SMOOTHING = 0.3;

/** What the loop knows about the step it is about to take. */
export interface StepPosition {
  /** Global step number (1-based). */
  step: number;
  /** The last step of an epoch (or of the run). */
  epochEnd: boolean;
  /** A single step taken while paused (its figures are shown at once). */
  single: boolean;
  /** The clock's time now. */
  now: number;
}

const smooth = (avg: number | null, x: number): number => (avg === null ? x : avg + SMOOTHING * (x - avg));

/**
 * Decides, before each step, whether it captures per-layer statistics: every
 * `everySteps` steps when given; otherwise when STATS_INTERVAL_MS have passed since the
 * last snapshot, or longer when snapshots are costly, so that they add at most about
 * STATS_OVERHEAD_BUDGET to the training time (and never two timed ones in a row, so the
 * cost stays measured). Always at an epoch's last step and for a single step while
 * paused. Which steps capture never changes the training itself.
 */
export class StatsPlanner {
  private last: number;
  /** Running averages of a plain step's time and of a snapshot's extra time. */
  private plainMs: number | null = null;
  private extraMs: number | null = null;
  /** Plain steps since the last snapshot: a timed one waits for at least one, so the costs stay measurable. */
  private plainSince = 0;

  constructor(
    private readonly options: StatsOptions,
    now: number,
  ) {
    this.last = now;
  }

  /** Least time between timed snapshots as things stand. */
  get intervalMs(): number {
    return Math.max(STATS_INTERVAL_MS, (this.extraMs ?? 0) / STATS_OVERHEAD_BUDGET);
  }

  /** Whether the step at `p` captures statistics; records the time when it does. */
  wants(p: StepPosition): boolean {
    if (!this.options.enabled) return false;
    const every = this.options.everySteps;
    const due =
      every !== undefined
        ? p.step % every === 0
        : this.plainSince > 0 && p.now - this.last >= this.intervalMs;
    if (!(due || p.epochEnd || p.single)) return false;
    this.last = p.now;
    this.plainSince = 0;
    return true;
  }

  /** Records how long a step took, and whether it captured statistics. */
  record(ms: number, captured: boolean): void {
    if (!captured) {
      this.plainMs = smooth(this.plainMs, ms);
      this.plainSince++;
    } else if (this.plainMs !== null) this.extraMs = smooth(this.extraMs, Math.max(0, ms - this.plainMs));
  }
}
