import { describe, expect, it } from 'vitest';
import { toySource } from '../../../src/cli/node-data';
import { compilePlan, type ModelPlan } from '../../../src/compiler/plan';
import { prepareCsvImport, DEFAULT_CSV_SETTINGS } from '../../../src/data/csv-import';
import type { LabelledSet } from '../../../src/data/dataset';
import type { DatasetRef } from '../../../src/graph/document';
import type { ParamValue } from '../../../src/layers/spec';
import { DEFAULT_START_OPTIONS, type DataPart } from '../../../src/training/protocol';
import { createRng } from '../../../src/util/random';
import { chain } from '../core/doc-helpers';
import { harness, ofType, reportedLosses, startMsg } from '../../helpers/trainer-harness';

const SINE: DatasetRef = {
  kind: 'builtin',
  id: 'toy-sine',
  options: { size: 400, noise: 0.05, classes: 2, seed: 3 },
};

/** Input → layers → Regression output, on a dataset; node ids are l0, l1, ... */
function regressionPlan(
  dataset: DatasetRef,
  layers: [string, Record<string, ParamValue>?][],
  loss: 'mse' | 'mae' = 'mse',
): ModelPlan {
  const doc = { ...chain([['input'], ...layers, ['regression-output', { loss }]]), dataset };
  const r = compilePlan(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const mlp = (dataset: DatasetRef, loss: 'mse' | 'mae' = 'mse') =>
  regressionPlan(
    dataset,
    [
      ['dense', { units: 32, activation: 'tanh' }],
      ['dense', { units: 32, activation: 'tanh' }],
      ['dense', { units: 1 }],
    ],
    loss,
  );

const adam = { epochs: 12, batchSize: 16, optimizer: 'adam' as const, learningRate: 0.01, seed: 7 };

describe('training a regression head', () => {
  it('fits the toy sine set: the mean squared error falls by a large factor and R² nears 1', async () => {
    const { trainer, messages } = harness(toySource());
    await trainer.handle(startMsg(mlp(SINE), { dataset: SINE, config: adam }));
    expect(ofType(messages, 'failed')).toEqual([]);
    expect(ofType(messages, 'started')[0]!.metric).toBe('mae');
    const losses = reportedLosses(messages);
    const epochs = ofType(messages, 'epoch');
    expect(epochs).toHaveLength(12);
    const first = losses[0]!;
    const last = epochs.at(-1)!.test.predictionMode;
    // The first step's loss is the untrained model's error on its batch.
    expect(last.loss).toBeLessThan(first / 20);
    expect(epochs.at(-1)!.train.loss).toBeLessThan(epochs[0]!.train.loss / 5);
    expect(last.r2).toBeGreaterThan(0.95);
    // The metric is the mean absolute error: finite, and never above the root mean square error.
    expect(Number.isFinite(last.accuracy)).toBe(true);
    expect(last.accuracy).toBeGreaterThan(0);
    expect(last.accuracy).toBeLessThanOrEqual(Math.sqrt(last.loss) + 1e-6);
  }, 60_000);

  it('posts the prediction curve of a one-input model while it trains, approaching the sine', async () => {
    const { trainer, messages } = harness(toySource());
    const base = startMsg(mlp(SINE), { dataset: SINE, config: adam });
    await trainer.handle({
      ...base,
      options: { ...DEFAULT_START_OPTIONS, fit: { points: 33, intervalMs: 50 } },
    });
    const fits = ofType(messages, 'fit');
    expect(fits.length).toBeGreaterThanOrEqual(12);
    const error = (f: (typeof fits)[number]): number => {
      let sum = 0;
      f.predictions.forEach((p, i) => {
        const x = f.xMin + (i * (f.xMax - f.xMin)) / 32;
        // Inside the data's inputs only (the range is padded beyond ±π).
        if (Math.abs(x) <= Math.PI) sum += Math.abs(p - Math.sin(x));
      });
      return sum;
    };
    const first = fits[0]!;
    const last = fits.at(-1)!;
    expect(last.predictions).toHaveLength(33);
    expect(last.xMin).toBeLessThan(-3);
    expect(last.xMax).toBeGreaterThan(3);
    expect(error(last)).toBeLessThan(error(first) / 4);
    const plain = harness(toySource());
    await plain.trainer.handle(startMsg(mlp(SINE), { dataset: SINE, config: { ...adam, epochs: 1 } }));
    expect(ofType(plain.messages, 'fit')).toEqual([]);
  }, 60_000);

  it('reports the mean absolute error, not an accuracy: with an MAE loss the two figures agree', async () => {
    const { trainer, messages } = harness(toySource());
    await trainer.handle(startMsg(mlp(SINE, 'mae'), { dataset: SINE, config: { ...adam, epochs: 2 } }));
    expect(ofType(messages, 'failed')).toEqual([]);
    for (const e of ofType(messages, 'epoch')) {
      expect(e.test.predictionMode.accuracy).toBeCloseTo(e.test.predictionMode.loss, 5);
      expect(e.train.accuracy).toBeCloseTo(e.train.loss, 5);
    }
    const batches = ofType(messages, 'batches');
    batches.forEach((b) => b.losses.forEach((l, i) => expect(b.accuracies[i]).toBeCloseTo(l, 5)));
  }, 60_000);

  it('refuses the classification-only evaluation views for a regression run, saying why', async () => {
    const { trainer, messages } = harness(toySource());
    await trainer.handle(startMsg(mlp(SINE), { dataset: SINE, config: { ...adam, epochs: 1 } }));
    await trainer.handle({
      type: 'evaluate',
      requestId: 'q1',
      runId: 'run-1',
      mode: 'predict',
      maxExamples: 50,
    });
    expect(ofType(messages, 'evaluation')).toEqual([]);
    const failed = ofType(messages, 'view-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.code).toBe('view/bad-request');
    expect(failed[0]!.message).toMatch(/regression/);
  }, 60_000);

  it('fails with train/non-finite when a regression run diverges, keeping the last good weights', async () => {
    const { trainer, messages } = harness(toySource());
    const plan = regressionPlan(SINE, [['dense', { units: 1 }]]);
    const config = { epochs: 3, batchSize: 16, optimizer: 'sgd' as const, learningRate: 1000 };
    await trainer.handle(startMsg(plan, { dataset: SINE, config }));
    const failed = ofType(messages, 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.diagnostic.code).toBe('train/non-finite');
    expect(ofType(messages, 'checkpoint').at(-1)!.kind).toBe('last-good');
    expect(reportedLosses(messages).every(Number.isFinite)).toBe(true);
  }, 60_000);

  it('names the mismatch when the head does not fit the data', async () => {
    const { trainer, messages } = harness(toySource());
    const classifier = { ...mlp(SINE), head: { kind: 'classification' as const, classes: 2 } };
    await trainer.handle(startMsg(classifier, { dataset: SINE }));
    const blobs: DatasetRef = { kind: 'builtin', id: 'toy-blobs' };
    await trainer.handle(startMsg(mlp(SINE), { runId: 'run-2', dataset: blobs }));
    const failed = ofType(messages, 'failed');
    expect(failed.map((f) => f.diagnostic.code)).toEqual(['train/data', 'train/data']);
    expect(failed[0]!.diagnostic.message).toMatch(/toy-sine.*regression.*Regression output/);
    expect(failed[1]!.diagnostic.message).toMatch(/toy-blobs.*class labels/);
  }, 60_000);
});

/** A CSV of y = 2a − b + 0.5 with a little noise, for an imported regression set. */
function linearCsv(rows: number): string {
  const rng = createRng(11);
  const lines = ['a,b,y'];
  for (let i = 0; i < rows; i++) {
    const a = 4 * rng.next() - 2;
    const b = 4 * rng.next() - 2;
    const y = 2 * a - b + 0.5 + 0.05 * (rng.next() - 0.5);
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${y.toFixed(4)}`);
  }
  return lines.join('\n');
}

const toPart = (ds: LabelledSet): DataPart => {
  if (!('task' in ds) || ds.task !== 'regression') throw new Error('expected a regression part');
  const { count, inputShape, features, targets } = ds;
  return { task: 'regression', count, inputShape, features, targets };
};

describe('an imported CSV regression set', () => {
  it('is divided for training and trains from the parts sent with the run', async () => {
    const r = prepareCsvImport(linearCsv(300), 'linear.csv', { ...DEFAULT_CSV_SETTINGS, task: 'regression' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.partsProblem).toBeNull();
    const parts = r.value.parts!;
    expect(parts.train.count + parts.validation.count + parts.test.count).toBe(300);
    const ref: DatasetRef = {
      kind: 'imported',
      id: 'h-linear',
      name: 'linear.csv',
      inputShape: [2],
      classes: 0,
      task: 'regression',
    };
    const plan = regressionPlan(ref, [
      ['dense', { units: 8, activation: 'relu' }],
      ['dense', { units: 1 }],
    ]);
    const { trainer, messages } = harness({ load: () => Promise.reject(new Error('must not be asked')) });
    const msg = startMsg(plan, { dataset: ref, config: { ...adam, epochs: 15, learningRate: 0.02 } });
    const data = {
      train: toPart(parts.train),
      test: toPart(parts.test),
      validation: toPart(parts.validation),
    };
    await trainer.handle({ ...msg, data });
    expect(ofType(messages, 'failed')).toEqual([]);
    const epochs = ofType(messages, 'epoch');
    expect(epochs.at(-1)!.test.predictionMode.loss).toBeLessThan(reportedLosses(messages)[0]! / 20);
    expect(epochs.at(-1)!.test.predictionMode.r2).toBeGreaterThan(0.9);
  }, 60_000);

  it('refuses regression parts whose target count does not fit, naming the part', async () => {
    const ref: DatasetRef = {
      kind: 'imported',
      id: 'h',
      name: 'x.csv',
      inputShape: [1],
      classes: 0,
      task: 'regression',
    };
    const plan = regressionPlan(ref, [['dense', { units: 1 }]]);
    const { trainer, messages } = harness({ load: () => Promise.reject(new Error('must not be asked')) });
    const part = { task: 'regression' as const, count: 4, inputShape: [1], features: new Float32Array(4) };
    const data = {
      train: { ...part, targets: new Float32Array(3) },
      test: { ...part, targets: new Float32Array(4) },
    };
    await trainer.handle({ ...startMsg(plan, { dataset: ref }), data });
    const failed = ofType(messages, 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.diagnostic.message).toMatch(/training examples .* 3 target values for 4 examples/);
  }, 60_000);
});
