import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING } from '../../../src/graph/document';
import { setupStockWasm, stockTrainOnBatch } from '../../../src/runtime/stock-loop';
import { nodeWasmDir } from '../../helpers/tf-backends';
import { toyConvPlan, toyDataset } from '../../helpers/trainer-harness';

// The benchmark's baseline must really train (conv layers included, which stock wasm
// cannot without the filter-gradient kernel) and time exactly the steps after the warm-up.
describe('stockTrainOnBatch (the bench baseline)', () => {
  it('trains a conv net with tf.layers on wasm and times only the steps after the warm-up', async () => {
    await setupStockWasm(nodeWasmDir());
    const config = { ...DEFAULT_TRAINING, batchSize: 32, learningRate: 0.05, optimizer: 'adam' as const };
    const r = await stockTrainOnBatch(toyConvPlan(), config, toyDataset(128, 1), {
      warmup: 4,
      timed: 36,
      wasmPaths: nodeWasmDir(),
    });
    expect(r.losses).toHaveLength(40);
    expect(r.msPerStep).toHaveLength(36);
    expect(r.losses.every(Number.isFinite)).toBe(true);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(r.losses.slice(-8))).toBeLessThan(0.6 * mean(r.losses.slice(0, 4)));
    const totalMs = r.msPerStep.reduce((a, b) => a + b, 0);
    expect(r.exPerSec).toBeCloseTo((36 * 32 * 1000) / totalMs, 6);
  });
});
