import type { FromTrainer, RunMetric } from '../training/protocol';

type Batches = Extract<FromTrainer, { type: 'batches' }>;
type Epoch = Extract<FromTrainer, { type: 'epoch' }>;

/** One line of `layerloom train --json` for a classification model: the results of one epoch. */
export interface ClassificationEpochReport {
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

/** One line of `layerloom train --json` for a regression model: MAE in place of accuracy, plus R². */
export interface RegressionEpochReport {
  epoch: number;
  /** Mean training loss and mean absolute error over the epoch's batches. */
  loss: number;
  mae: number;
  /** The full test set in prediction mode. */
  testLoss: number;
  testMae: number;
  /** Coefficient of determination on the test set (null when the trainer sent none). */
  testR2: number | null;
  /** The test set's MAE with each batch's own statistics; null when the model has no batch norm. */
  testMaeTrainingMode: number | null;
  examplesPerSec: number;
}

/** The results of one epoch, shaped by the run's metric. */
export type EpochReport = ClassificationEpochReport | RegressionEpochReport;

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
   * @param metric what the trainer's accuracy figures hold: accuracy, or MAE for regression
   */
  constructor(
    private readonly batchSize: number,
    private readonly trainCount: number,
    private readonly metric: RunMetric = 'accuracy',
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
    const examplesPerSec = this.seconds > 0 ? this.examples / this.seconds : 0;
    const test = msg.test.predictionMode;
    const report: EpochReport =
      this.metric === 'mae'
        ? {
            epoch: msg.epoch,
            loss: msg.train.loss,
            mae: msg.train.accuracy,
            testLoss: test.loss,
            testMae: test.accuracy,
            testR2: test.r2 ?? null,
            testMaeTrainingMode: msg.test.trainingMode?.accuracy ?? null,
            examplesPerSec,
          }
        : {
            epoch: msg.epoch,
            loss: msg.train.loss,
            accuracy: msg.train.accuracy,
            testLoss: test.loss,
            testAccuracy: test.accuracy,
            testAccuracyTrainingMode: msg.test.trainingMode?.accuracy ?? null,
            examplesPerSec,
          };
    this.examples = 0;
    this.seconds = 0;
    return report;
  }
}

const f4 = (x: number): string => x.toFixed(4);

/** The human-readable line of one epoch. */
export function epochLine(r: EpochReport, epochs: number): string {
  const [name, train, test, bsValue] =
    'mae' in r
      ? ['MAE', r.mae, r.testMae, r.testMaeTrainingMode]
      : ['accuracy', r.accuracy, r.testAccuracy, r.testAccuracyTrainingMode];
  const bs = bsValue === null ? '' : ` (batch statistics ${f4(bsValue)})`;
  return (
    `epoch ${r.epoch}/${epochs}  loss ${f4(r.loss)}  ${name} ${f4(train)}  ` +
    `test loss ${f4(r.testLoss)}  test ${name} ${f4(test)}${bs}  ` +
    `${Math.round(r.examplesPerSec)} examples/s`
  );
}

/** The closing line of a regression run: the last epoch's held-out R². */
export const r2Line = (r2: number): string => `test R² ${f4(r2)} (1 is a perfect fit)`;
