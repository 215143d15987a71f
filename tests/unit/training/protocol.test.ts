import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING } from '../../../src/graph/document';
import { checkpointValues, packCheckpoint } from '../../../src/training/checkpoint';
import { summarize } from '../../../src/training/stats';
import {
  DEFAULT_START_OPTIONS,
  isFromTrainer,
  parseToTrainer,
  transferablesOf,
  type FromTrainer,
} from '../../../src/training/protocol';

const plan = { planVersion: 1 };
const start = (extra: object = {}) => ({
  type: 'start',
  runId: 'r',
  plan,
  config: DEFAULT_TRAINING,
  dataset: { kind: 'builtin', id: 'fashion-mnist' },
  limits: {},
  ...extra,
});

const ckpt = () =>
  packCheckpoint(
    { epoch: 2, step: 8, batchInEpoch: 4, batchesPerEpoch: 4, optimizer: { kind: 'sgd', updates: 8 } },
    [
      { name: 'd/kernel', role: 'weight', shape: [2, 2], values: Float32Array.from([1, 2, 3, 4]) },
      { name: 'd/bias', role: 'weight', shape: [2], values: Float32Array.from([5, 6]) },
    ],
  );

describe('protocol v1 additions', () => {
  it('accepts a start without options (defaults apply later) and with stats options and a checkpoint', () => {
    const bare = parseToTrainer(start());
    expect(bare.ok && bare.msg.type === 'start' && bare.msg.options).toBeUndefined();
    expect(DEFAULT_START_OPTIONS).toEqual({
      stats: { enabled: true, sampleValues: 32_768 },
      checkpointData: true,
    });
    const full = parseToTrainer(start({ options: { stats: { everySteps: 5 } }, resume: ckpt() }));
    expect(full.ok).toBe(true);
    if (full.ok && full.msg.type === 'start') {
      expect(full.msg.options).toEqual({
        stats: { enabled: true, everySteps: 5, sampleValues: 32_768 },
        checkpointData: true,
      });
      expect(full.msg.resume!.buffer).toBeInstanceOf(ArrayBuffer);
    }
    const bad = parseToTrainer(start({ options: { stats: { everySteps: 0 } } }));
    expect(bad.ok).toBe(false);
    const notBuffer = parseToTrainer(start({ resume: { ...ckpt(), buffer: [1, 2] } }));
    expect(!notBuffer.ok && notBuffer.error).toMatch(/^resume\.buffer/);
  });

  it('reads old configs with the defaults that keep their meaning', () => {
    const { momentum, nesterov, beta1, beta2, rho, epsilon, weightDecay, schedule, validation, ...old } =
      DEFAULT_TRAINING;
    void [momentum, nesterov, beta1, beta2, rho, epsilon, weightDecay, schedule, validation];
    const r = parseToTrainer(start({ config: old }));
    expect(r.ok && r.msg.type === 'start' && r.msg.config).toEqual(DEFAULT_TRAINING);
  });

  it('knows the new message types and their transferable buffers, each once', () => {
    const activation = summarize(Float32Array.from([1, 2]));
    const shared = new Float32Array(2);
    const stats: FromTrainer = {
      type: 'layer-stats',
      runId: 'r',
      step: 1,
      epoch: 1,
      epochEnd: false,
      sampledExamples: 1,
      layers: [
        {
          nodeId: 'n',
          activation,
          saturated: null,
          outputGradNorm: 1,
          weightGradNorm: null,
          weightNorm: null,
          updateRatio: null,
          batchNorm: {
            batchMean: shared,
            batchVar: shared,
            runningMean: shared,
            runningVar: shared,
            gamma: null,
            beta: null,
          },
        },
      ],
    };
    expect(isFromTrainer(stats)).toBe(true);
    expect(transferablesOf(stats)).toEqual([
      activation.percentiles.buffer,
      activation.histogram.buffer,
      shared.buffer,
    ]);
    const finding = {
      type: 'finding',
      runId: 'r',
      nodeId: 'n',
      code: 'health/dead-relu',
      message: 'm',
      step: 3,
    };
    expect(isFromTrainer(finding)).toBe(true);
    const c = ckpt();
    expect(
      transferablesOf({ type: 'checkpoint', runId: 'r', epoch: 2, step: 8, kind: 'epoch-end', data: c }),
    ).toEqual([c.buffer]);
    expect(transferablesOf({ type: 'checkpoint', runId: 'r', epoch: 2, step: 8, kind: 'epoch-end' })).toEqual(
      [],
    );
  });

  it('packs checkpoints into one buffer and reads tensors back by name and shape', () => {
    const c = ckpt();
    expect(c.buffer.byteLength).toBe(24);
    expect(Array.from(checkpointValues(c, 'd/bias', 'weight', [2]) as Float32Array)).toEqual([5, 6]);
    expect(checkpointValues(c, 'd/bias', 'weight', [3])).toMatch(/has shape \[2\], the model needs \[3\]/);
    expect(checkpointValues(c, 'd/kernel', 'slot', [2, 2])).toMatch(/no slot 'd\/kernel'/);
    const truncated = { ...c, buffer: c.buffer.slice(0, 20) };
    expect(checkpointValues(truncated, 'd/bias', 'weight', [2])).toMatch(/runs past the end/);
  });
});
