import { describe, expect, it } from 'vitest';
import { toySource } from '../../../src/cli/node-data';
import type { DatasetRef } from '../../../src/graph/document';
import { boundaryExtent, gridPoints } from '../../../src/runtime/boundary';
import { loadToyForTraining } from '../../../src/data/toy-builtin';
import { DEFAULT_START_OPTIONS } from '../../../src/training/protocol';
import { chainPlan, harness, ofType, startMsg } from '../../helpers/trainer-harness';

const BLOBS: DatasetRef = {
  kind: 'builtin',
  id: 'toy-blobs',
  options: { size: 300, noise: 0.15, classes: 3, seed: 4 },
};

const mlp = () =>
  chainPlan(BLOBS, [
    ['dense', { units: 16, activation: 'relu' }],
    ['dense', { units: 3 }],
  ]);

describe('training on 2D vector data', () => {
  it('learns a toy set from the built-in generator and reports the held-out accuracy', async () => {
    const { trainer, messages } = harness(toySource());
    await trainer.handle(
      startMsg(mlp(), {
        dataset: BLOBS,
        config: { epochs: 8, batchSize: 16, optimizer: 'adam', learningRate: 0.02 },
      }),
    );
    const failed = ofType(messages, 'failed');
    expect(failed).toEqual([]);
    const epochs = ofType(messages, 'epoch');
    expect(epochs).toHaveLength(8);
    expect(epochs.at(-1)!.test.predictionMode.accuracy).toBeGreaterThan(0.9);
    expect(epochs.at(-1)!.heldOutExamples).toBe(60);
  });

  it('posts boundary grids over the data when asked, and none otherwise', async () => {
    const { trainer, messages } = harness(toySource());
    const base = startMsg(mlp(), { dataset: BLOBS, config: { epochs: 2, batchSize: 32 } });
    await trainer.handle({
      ...base,
      options: { ...DEFAULT_START_OPTIONS, boundary: { resolution: 16, intervalMs: 50 } },
    });
    const grids = ofType(messages, 'boundary');
    expect(grids.length).toBeGreaterThanOrEqual(2);
    const g = grids.at(-1)!;
    expect(g.resolution).toBe(16);
    expect(g.classes).toBe(3);
    expect(g.probabilities).toHaveLength(16 * 16 * 3);
    // Each cell's probabilities sum to 1.
    for (let cell = 0; cell < 256; cell++) {
      const p = g.probabilities.subarray(cell * 3, cell * 3 + 3);
      expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 4);
    }
    const { train } = loadToyForTraining(BLOBS);
    for (let i = 0; i < train.count; i++) {
      expect(train.features[2 * i]!).toBeGreaterThan(g.extent.xMin);
      expect(train.features[2 * i + 1]!).toBeLessThan(g.extent.yMax);
    }
    const plain = harness(toySource());
    await plain.trainer.handle(startMsg(mlp(), { dataset: BLOBS, config: { epochs: 1 } }));
    expect(ofType(plain.messages, 'boundary')).toEqual([]);
  });

  it('refuses a regression toy set with a message naming it', async () => {
    const ref: DatasetRef = { kind: 'builtin', id: 'toy-sine' };
    const { trainer, messages } = harness(toySource());
    await trainer.handle(startMsg(mlp(), { dataset: ref }));
    const failed = ofType(messages, 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.diagnostic.code).toBe('train/data');
    expect(failed[0]!.diagnostic.message).toContain('toy-sine');
  });
});

describe('examples sent with the run (imported sets)', () => {
  const part = (ds: ReturnType<typeof loadToyForTraining>['train']) => ({
    count: ds.count,
    inputShape: ds.inputShape,
    classes: ds.classes,
    labels: ds.labels,
    features: ds.features,
  });

  it('trains on the sent parts and evaluates on the sent validation part when the config asks for a split', async () => {
    const { train, test } = loadToyForTraining(BLOBS);
    const { trainer, messages } = harness({ load: () => Promise.reject(new Error('must not be asked')) });
    const msg = startMsg(mlp(), {
      dataset: { kind: 'imported', id: 'h1', name: 'blobs.csv', inputShape: [2], classes: 3 },
      config: {
        epochs: 3,
        batchSize: 16,
        optimizer: 'adam',
        learningRate: 0.02,
        validation: { kind: 'split', fraction: 0.2 },
      },
    });
    await trainer.handle({ ...msg, data: { train: part(train), test: part(test), validation: part(test) } });
    expect(ofType(messages, 'failed')).toEqual([]);
    const last = ofType(messages, 'epoch').at(-1)!;
    expect(last.evaluatedOn).toBe('validation-split');
    expect(last.heldOutExamples).toBe(test.count);
  });

  it('refuses parts whose lengths do not fit their count, naming the part', async () => {
    const { train, test } = loadToyForTraining(BLOBS);
    const { trainer, messages } = harness(toySource());
    const msg = startMsg(mlp(), { dataset: BLOBS });
    const short = { ...part(train), features: train.features.subarray(0, 10) };
    await trainer.handle({ ...msg, data: { train: short, test: part(test) } });
    const failed = ofType(messages, 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.diagnostic.code).toBe('train/data');
    expect(failed[0]!.diagnostic.message).toMatch(/training examples .* 10 values/);
  });
});

describe('boundary geometry', () => {
  it('grid cell centres run row by row from the lower-left corner', () => {
    const g = gridPoints({ xMin: 0, xMax: 4, yMin: -2, yMax: 2 }, 4);
    expect(Array.from(g.subarray(0, 4))).toEqual([0.5, -1.5, 1.5, -1.5]);
    expect(Array.from(g.subarray(g.length - 2))).toEqual([3.5, 1.5]);
  });

  it('has no extent for image data or a non-2D width', () => {
    const img = {
      count: 1,
      inputShape: [1, 1, 1],
      classes: 2,
      pixels: new Uint8Array(1),
      labels: new Uint8Array(1),
    };
    expect(boundaryExtent([img])).toBeNull();
    const v3 = {
      task: 'classification' as const,
      count: 1,
      inputShape: [3],
      classes: 2,
      classNames: [],
      features: new Float32Array(3),
      labels: new Uint8Array(1),
    };
    expect(boundaryExtent([v3])).toBeNull();
  });
});
