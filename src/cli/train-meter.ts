import type { FromTrainer } from '../training/protocol';

type Batches = Extract<FromTrainer, { type: 'batches' }>;
type Epoch = Extract<FromTrainer, { type: 'epoch' }>;

/** One line of `layerloom train --json`: the results of one epoch. */
export interface EpochReport {
  epoch: number;
  /** Mean training loss and accuracy over the epoch's batches (weighted by batch size). */
  loss: number;
  accuracy: number;
  /** The full test set in prediction mode (running averages, no dropout). */
  testLoss: number;
  testAccuracy: number;
  /** The test set with each batch's own statistics; null when the model has no batch norm. */
  testAccuracyTrainingMode: number | null;
  /** Training examples per second of training-step time (evaluations and data set-up excluded). */
  examplesPerSec: number;
}

/**
 * Turns the trainer's messages into per-epoch reports. The 'batches' messages give a
 * rate over the steps they carry (examples / time inside those steps), so each
 * message's step time is its examples divided by its rate; the epoch's rate is the
 * epoch's examples over the sum of those times.
 */
export class EpochMeter {
  private examples = 0;
  private seconds = 0;

  /**
   * @param batchSize the run's batch size
   * @param trainCount training examples per epoch (after limits)
   */
  constructor(
    private readonly batchSize: number,
    private readonly trainCount: number,
  ) {}

  /** Batches per epoch (the last one may be short). */
  get batchesPerEpoch(): number {
    return Math.ceil(this.trainCount / this.batchSize);
  }

  /** Records a 'batches' message. */
  addBatches(msg: Batches): void {
    const steps = msg.steps.length;
    const shortBy = this.batchesPerEpoch * this.batchSize - this.trainCount;
    const examples = steps * this.batchSize - (msg.batchInEpoch === this.batchesPerEpoch ? shortBy : 0);
    this.examples += examples;
    if (msg.examplesPerSec > 0) this.seconds += examples / msg.examplesPerSec;
  }

  /** The report of an 'epoch' message; starts counting the next epoch. */
  endEpoch(msg: Epoch): EpochReport {
    const report: EpochReport = {
      epoch: msg.epoch,
      loss: msg.train.loss,
      accuracy: msg.train.accuracy,
      testLoss: msg.test.predictionMode.loss,
      testAccuracy: msg.test.predictionMode.accuracy,
      testAccuracyTrainingMode: msg.test.trainingMode?.accuracy ?? null,
      examplesPerSec: this.seconds > 0 ? this.examples / this.seconds : 0,
    };
    this.examples = 0;
    this.seconds = 0;
    return report;
  }
}

const f4 = (x: number): string => x.toFixed(4);

/** The human-readable line of one epoch. */
export function epochLine(r: EpochReport, epochs: number): string {
  const bs =
    r.testAccuracyTrainingMode === null ? '' : ` (batch statistics ${f4(r.testAccuracyTrainingMode)})`;
  return (
    `epoch ${r.epoch}/${epochs}  loss ${f4(r.loss)}  accuracy ${f4(r.accuracy)}  ` +
    `test loss ${f4(r.testLoss)}  test accuracy ${f4(r.testAccuracy)}${bs}  ` +
    `${Math.round(r.examplesPerSec)} examples/s`
  );
}
