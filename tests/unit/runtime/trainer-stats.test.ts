import { describe, expect, it } from 'vitest';
import type { ImageDataset } from '../../../src/data/dataset';
import type { DatasetRef } from '../../../src/graph/document';
import { HISTOGRAM_BINS, PERCENTILE_RANKS } from '../../../src/training/stats';
import {
  chainPlan,
  harness,
  lastCheckpoint,
  ofType,
  reportedLosses,
  reportedSteps,
  startMsg,
  toyConvPlan,
  toyPlan,
  toySource,
} from '../../helpers/trainer-harness';

/** Four examples of two features: pixels/255 = [0, .8], [.2, .8], [.4, .6], [1, .2]. */
const FOUR: ImageDataset = {
  count: 4,
  inputShape: [2],
  classes: 3,
  pixels: Uint8Array.from([0, 204, 51, 204, 102, 153, 255, 51]),
  labels: Uint8Array.from([0, 1, 2, 1]),
};
const FOUR_REF: DatasetRef = { kind: 'imported', id: 'four', name: 'four', inputShape: [2], classes: 3 };

describe('layer statistics in the trainer', () => {
  it('batch norm running statistics after three steps match the hand-worked numbers', async () => {
    const plan = chainPlan(FOUR_REF, [
      ['batch-norm', { momentum: 0.9 }],
      ['dense', { units: 3 }],
    ]);
    const { trainer, messages } = harness({ load: async () => ({ train: FOUR, test: FOUR }) });
    await trainer.handle(
      startMsg(plan, { dataset: FOUR_REF, config: { batchSize: 4, epochs: 3 }, stats: { everySteps: 1 } }),
    );
    expect(ofType(messages, 'failed')).toEqual([]);
    const bn = ofType(messages, 'layer-stats').map((m) => m.layers[0]!.batchNorm!);
    expect(bn).toHaveLength(3);
    // The input never changes (BN comes first; the batch is the whole set, in any order):
    // feature 0: [0, .2, .4, 1], mean .4, biased variance (.16 + .04 + 0 + .36) / 4 = .14
    // feature 1: [.8, .8, .6, .2], mean .6, biased variance (.04 + .04 + 0 + .16) / 4 = .06
    // running = running − (running − batch)·(1 − 0.9), from mean 0 and variance 1:
    //   mean 0: 0.04, 0.04 + 0.036 = 0.076, 0.076 + 0.0324 = 0.1084
    //   mean 1: 0.06, 0.06 + 0.054 = 0.114, 0.114 + 0.0486 = 0.1626
    //   var 0:  1 − 0.086 = 0.914, 0.914 − 0.0774 = 0.8366, 0.8366 − 0.06966 = 0.76694
    //   var 1:  1 − 0.094 = 0.906, 0.906 − 0.0846 = 0.8214, 0.8214 − 0.07614 = 0.74526
    const expected = [
      { mean: [0.04, 0.06], variance: [0.914, 0.906] },
      { mean: [0.076, 0.114], variance: [0.8366, 0.8214] },
      { mean: [0.1084, 0.1626], variance: [0.76694, 0.74526] },
    ];
    bn.forEach((s, k) => {
      [0.4, 0.6].forEach((m, c) => expect(s.batchMean[c]!).toBeCloseTo(m, 6));
      [0.14, 0.06].forEach((v, c) => expect(s.batchVar[c]!).toBeCloseTo(v, 6));
      expected[k]!.mean.forEach((m, c) =>
        expect(s.runningMean[c]!, `step ${k + 1} mean ${c}`).toBeCloseTo(m, 6),
      );
      expected[k]!.variance.forEach((v, c) =>
        expect(s.runningVar[c]!, `step ${k + 1} var ${c}`).toBeCloseTo(v, 6),
      );
    });
  });

  it.each(['cpu', 'wasm'] as const)(
    'leave training unchanged on %s: identical losses and weights with stats on and off',
    async (backend) => {
      const run = async (enabled: boolean) => {
        const { trainer, messages } = harness(toySource(96, 16));
        await trainer.handle(
          startMsg(toyConvPlan(), {
            backend,
            config: { batchSize: 16, epochs: 2, optimizer: 'adam', learningRate: 0.01 },
            stats: { enabled, everySteps: 1 },
          }),
        );
        expect(ofType(messages, 'failed')).toEqual([]);
        return {
          messages,
          losses: reportedLosses(messages),
          weights: new Uint8Array(lastCheckpoint(messages).buffer),
        };
      };
      const off = await run(false);
      const on = await run(true);
      expect(ofType(off.messages, 'layer-stats')).toEqual([]);
      expect(ofType(on.messages, 'layer-stats')).toHaveLength(12);
      expect(on.losses).toHaveLength(12);
      expect(on.losses).toEqual(off.losses);
      expect(Buffer.from(on.weights).equals(off.weights)).toBe(true);
    },
  );

  it('streams snapshots every N steps and at epoch ends, after their batches, tagged and well-formed', async () => {
    const { trainer, messages } = harness(toySource(160, 16));
    await trainer.handle(
      startMsg(toyConvPlan(), { config: { batchSize: 16, epochs: 2 }, stats: { everySteps: 4 } }),
    );
    const stats = ofType(messages, 'layer-stats');
    // 10 steps per epoch: 4, 8, 10 (epoch end), 12, 16, 20 (epoch end).
    expect(stats.map((m) => [m.step, m.epoch, m.epochEnd])).toEqual([
      [4, 1, false],
      [8, 1, false],
      [10, 1, true],
      [12, 2, false],
      [16, 2, false],
      [20, 2, true],
    ]);
    for (const m of stats) {
      const at = messages.indexOf(m);
      expect(reportedSteps(messages.slice(0, at)).at(-1)).toBe(m.step);
      expect(m.runId).toBe('run-1');
      expect(m.layers.map((l) => l.nodeId)).toEqual(toyConvPlan().nodes.map((n) => n.id));
      for (const l of m.layers) {
        expect(l.activation.percentiles).toHaveLength(PERCENTILE_RANKS.length);
        expect(l.activation.histogram).toHaveLength(HISTOGRAM_BINS);
        expect(l.outputGradNorm).toBeGreaterThan(0);
      }
    }
    const epochEnds = ofType(messages, 'epoch').map((e) => messages.indexOf(e));
    expect(messages.indexOf(stats[2]!)).toBeLessThan(epochEnds[0]!);
  });

  it('keeps the message rate at a few per second with timed snapshots', async () => {
    const started = performance.now();
    let stopping = false;
    const { trainer, messages } = harness(toySource(40_000, 16), (_msg, t) => {
      if (!stopping && performance.now() - started > 1500) {
        stopping = true;
        setTimeout(() => void t.handle({ type: 'stop', runId: 'run-1' }), 0);
      }
    });
    const plan = toyPlan([
      ['flatten'],
      ['dense', { units: 16, activation: 'relu' }],
      ['dense', { units: 3 }],
    ]);
    await trainer.handle(startMsg(plan, { config: { batchSize: 4, epochs: 3 } }));
    const seconds = (performance.now() - started) / 1000;
    const streamed = messages.filter(
      (m) => m.type === 'batches' || m.type === 'layer-stats' || m.type === 'finding',
    );
    const snapshots = ofType(messages, 'layer-stats');
    const steps = reportedSteps(messages).length;
    expect(steps).toBeGreaterThan(100); // fast steps: far more than 10 a second
    expect(snapshots.length).toBeGreaterThanOrEqual(3);
    // About 4 batches and 4 snapshots a second, plus the final flush.
    expect(streamed.length).toBeLessThanOrEqual(10 * seconds + 2);
    expect(snapshots.length).toBeLessThanOrEqual(4 * seconds + 1);
    expect(ofType(messages, 'finished')[0]!.reason).toBe('stopped');
  });
});
