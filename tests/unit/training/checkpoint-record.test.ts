import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING, type DatasetRef } from '../../../src/graph/document';
import { packCheckpoint } from '../../../src/training/checkpoint';
import {
  checkpointStatus,
  decodeRunCheckpoint,
  encodeRunCheckpoint,
  RUN_CHECKPOINT_MAGIC,
  type RunCheckpoint,
} from '../../../src/training/checkpoint-record';

const dataset: DatasetRef = { kind: 'builtin', id: 'fashion-mnist' };

function record(over: Partial<RunCheckpoint> = {}): RunCheckpoint {
  const kernel = Float32Array.from({ length: 12 }, (_, i) => i / 7 - 0.5);
  const slot = Float32Array.from({ length: 12 }, (_, i) => (i % 3) * 1e-3);
  const checkpoint = packCheckpoint(
    { epoch: 2, step: 40, batchInEpoch: 20, batchesPerEpoch: 20, optimizer: { kind: 'adam', updates: 40 } },
    [
      { name: 'd1/kernel', role: 'weight', shape: [3, 4], values: kernel },
      { name: 'd1/bias', role: 'weight', shape: [4], values: Float32Array.of(1, -2, 3.5, Math.PI) },
      { name: 'd1/kernel/m', role: 'slot', shape: [3, 4], values: slot },
    ],
  );
  return {
    project: 'untitled:Réseau ✓', // non-ASCII survives
    runId: 'run-1',
    epoch: 2,
    epochs: 5,
    config: { ...DEFAULT_TRAINING, epochs: 5, trainLimit: 640 },
    dataset,
    planHash: '0123456789abcdef',
    metrics: [1, 2].map((epoch) => ({
      epoch,
      step: epoch * 20,
      train: { loss: 1 / epoch, accuracy: 0.5 + epoch / 10 },
      test: { loss: 1.1 / epoch, accuracy: 0.4 + epoch / 10 },
      testTrainingMode: epoch === 1 ? null : { loss: 0.9, accuracy: 0.7 },
    })),
    checkpoint,
    ...over,
  };
}

const decode = (bytes: Uint8Array) => {
  const r = decodeRunCheckpoint(bytes);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('run checkpoint bytes', () => {
  it('round-trips every field and every float bit for bit', () => {
    const rec = record();
    const back = decode(encodeRunCheckpoint(rec));
    const { checkpoint, ...rest } = back;
    const { checkpoint: original, ...expected } = rec;
    expect(rest).toEqual(expected);
    expect(checkpoint.manifest).toEqual(original.manifest);
    expect(new Uint8Array(checkpoint.buffer)).toEqual(new Uint8Array(original.buffer));
    expect(checkpoint.buffer).toBeInstanceOf(ArrayBuffer);
  });

  it('stores the floats as raw bytes after a small header, not as JSON numbers', () => {
    const rec = record();
    const bytes = encodeRunCheckpoint(rec);
    expect(String.fromCharCode(...bytes.subarray(0, 8))).toBe(RUN_CHECKPOINT_MAGIC);
    const dataStart = bytes.length - rec.checkpoint.buffer.byteLength;
    expect(dataStart % 4).toBe(0);
    expect(bytes.subarray(dataStart)).toEqual(new Uint8Array(rec.checkpoint.buffer));
    // A million weights take 4 MB plus the same header, give or take a few bytes.
    const big = packCheckpoint(rec.checkpoint.manifest, [
      { name: 'w', role: 'weight', shape: [1000, 1000], values: new Float32Array(1e6).fill(0.123456789) },
    ]);
    const size = encodeRunCheckpoint({ ...rec, checkpoint: big }).length;
    expect(size).toBeLessThan(4e6 + 8_000);
  });

  it('decodes from a view into a larger buffer (as IPC and IndexedDB may hand it over)', () => {
    const bytes = encodeRunCheckpoint(record());
    const padded = new Uint8Array(bytes.length + 13);
    padded.set(bytes, 5);
    const back = decode(padded.subarray(5, 5 + bytes.length));
    expect(new Float32Array(back.checkpoint.buffer)[12]).toBe(1);
  });

  it('keeps NaN metrics of a diverged epoch as NaN', () => {
    const rec = record();
    rec.metrics[1]!.train.loss = Number.NaN;
    expect(decode(encodeRunCheckpoint(rec)).metrics[1]!.train.loss).toBeNaN();
  });

  it('reports damaged or foreign bytes without throwing', () => {
    const good = encodeRunCheckpoint(record());
    const results = {
      empty: decodeRunCheckpoint(new Uint8Array(0)),
      foreign: decodeRunCheckpoint(new TextEncoder().encode('{"format":"layerloom"} and more text')),
      truncated: decodeRunCheckpoint(good.subarray(0, good.length - 4)),
    };
    expect(results.empty).toEqual({ ok: false, error: expect.stringMatching(/signature/) });
    expect(results.foreign).toEqual({ ok: false, error: expect.stringMatching(/signature/) });
    expect(results.truncated).toEqual({ ok: false, error: expect.stringMatching(/lengths/) });
  });

  it('names the header field that is wrong, and a tensor past the end of the data', () => {
    const badEpochs = encodeRunCheckpoint(record({ config: { ...DEFAULT_TRAINING, epochs: 0 } }));
    expect(decodeRunCheckpoint(badEpochs)).toEqual({
      ok: false,
      error: expect.stringMatching(/^its header is invalid at \$\.config\.epochs: /),
    });
    const rec = record();
    const manifest = {
      ...rec.checkpoint.manifest,
      tensors: [{ ...rec.checkpoint.manifest.tensors[0]!, offset: 100 }],
    };
    const overrun = encodeRunCheckpoint({ ...rec, checkpoint: { ...rec.checkpoint, manifest } });
    expect(decodeRunCheckpoint(overrun)).toEqual({
      ok: false,
      error: "its tensor 'd1/kernel' runs past the end of the data",
    });
  });
});

describe('checkpointStatus', () => {
  const rec = record();
  const now = { planHash: rec.planHash, dataset, config: rec.config };

  it('is resumable when graph, dataset and settings match', () => {
    expect(checkpointStatus(rec, now)).toEqual({ kind: 'resumable', configChanged: false });
    // Key order does not matter.
    const reordered = Object.fromEntries(Object.entries(rec.config).reverse()) as typeof rec.config;
    expect(checkpointStatus(rec, { ...now, config: reordered })).toEqual({
      kind: 'resumable',
      configChanged: false,
    });
  });

  it('is stale when the graph changed or no longer compiles, or the dataset changed', () => {
    expect(checkpointStatus(rec, { ...now, planHash: 'fedcba9876543210' })).toEqual({
      kind: 'stale',
      why: 'graph',
    });
    expect(checkpointStatus(rec, { ...now, planHash: null })).toEqual({ kind: 'stale', why: 'graph' });
    expect(checkpointStatus(rec, { ...now, dataset: { kind: 'builtin', id: 'mnist' } })).toEqual({
      kind: 'stale',
      why: 'dataset',
    });
  });

  it('says when the settings changed since the run (the resume uses the run’s own)', () => {
    expect(checkpointStatus(rec, { ...now, config: { ...rec.config, learningRate: 0.5 } })).toEqual({
      kind: 'resumable',
      configChanged: true,
    });
  });

  it('offers nothing for a run that reached its last epoch', () => {
    expect(checkpointStatus(record({ epoch: 5 }), now)).toEqual({ kind: 'finished' });
  });
});
