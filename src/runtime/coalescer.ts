/** What a coalesced 'batches' message carries, without its runId. */
export interface BatchesPayload {
  epoch: number;
  steps: Uint32Array;
  losses: Float32Array;
  accuracies: Float32Array;
  batchInEpoch: number;
  examplesPerSec: number;
}

/**
 * Collects per-step results between messages, so the message rate stays at a few per
 * second however fast the steps are, and no step is lost. Holds no tensors.
 */
export class BatchCoalescer {
  private steps: number[] = [];
  private losses: number[] = [];
  private accuracies: number[] = [];
  private examples = 0;
  private busyMs = 0;
  private lastBatchInEpoch = 0;
  private lastFlush: number;

  /**
   * @param intervalMs least time between two messages (250 ms = at most 4 a second)
   * @param now the time the run started
   */
  constructor(
    private readonly intervalMs: number,
    now: number,
  ) {
    this.lastFlush = now;
  }

  /** Records one step; `ms` is the time the step itself took (pauses excluded). */
  add(
    step: number,
    batchInEpoch: number,
    loss: number,
    accuracy: number,
    examples: number,
    ms: number,
  ): void {
    this.steps.push(step);
    this.losses.push(loss);
    this.accuracies.push(accuracy);
    this.examples += examples;
    this.busyMs += ms;
    this.lastBatchInEpoch = batchInEpoch;
  }

  /** True when steps are waiting and the interval has passed. */
  due(now: number): boolean {
    return this.steps.length > 0 && now - this.lastFlush >= this.intervalMs;
  }

  /** Takes everything collected since the last flush, or null when nothing is waiting. */
  flush(epoch: number, now: number): BatchesPayload | null {
    if (this.steps.length === 0) return null;
    const payload: BatchesPayload = {
      epoch,
      steps: Uint32Array.from(this.steps),
      losses: Float32Array.from(this.losses),
      accuracies: Float32Array.from(this.accuracies),
      batchInEpoch: this.lastBatchInEpoch,
      examplesPerSec: this.busyMs > 0 ? (this.examples * 1000) / this.busyMs : 0,
    };
    this.steps = [];
    this.losses = [];
    this.accuracies = [];
    this.examples = 0;
    this.busyMs = 0;
    this.lastFlush = now;
    return payload;
  }
}
