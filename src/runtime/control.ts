/** What the run loop should do before its next step. */
export type Gate = 'run' | 'stop';

/**
 * Pause, resume, single-step and stop for one run, as flags the loop checks between
 * steps. Messages set them at once; the loop acts before its next batch, so every
 * command takes effect within one batch.
 */
export class RunControl {
  private paused = false;
  private announced = false;
  private stopped = false;
  private stepsAllowed = 0;
  private wake: (() => void) | null = null;

  /**
   * @param onPaused called when the loop has actually stopped for a pause (true) and
   *   when a pause it announced ends (false)
   */
  constructor(private readonly onPaused: (paused: boolean) => void) {}

  /** True once stop was requested. */
  get stopRequested(): boolean {
    return this.stopped;
  }

  /** Asks the loop to pause before its next step. */
  pause(): void {
    this.paused = true;
  }

  /** Ends a pause. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.stepsAllowed = 0;
    if (this.announced) {
      this.announced = false;
      this.onPaused(false);
    }
    this.release();
  }

  /** While paused, lets exactly one more step run; ignored otherwise. */
  step(): void {
    if (!this.paused) return;
    this.stepsAllowed++;
    this.release();
  }

  /** Ends the run before its next step (or during an evaluation). */
  stop(): void {
    this.stopped = true;
    this.release();
  }

  /** Waits until the loop may run its next step, or says it must stop. */
  async gate(): Promise<Gate> {
    for (;;) {
      if (this.stopped) return 'stop';
      if (!this.paused) return 'run';
      if (this.stepsAllowed > 0) {
        this.stepsAllowed--;
        return 'run';
      }
      if (!this.announced) {
        this.announced = true;
        this.onPaused(true);
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** True while paused (the loop flushes results right after a single step). */
  get isPaused(): boolean {
    return this.paused;
  }

  private release(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
