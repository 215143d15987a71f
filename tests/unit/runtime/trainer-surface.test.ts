import { describe, expect, it } from 'vitest';
import { toySource } from '../../../src/cli/node-data';
import { compilePlan, type ModelPlan } from '../../../src/compiler/plan';
import { TOY_REGRESSION_FUNCTIONS } from '../../../src/data/toy-regression';
import type { DatasetRef } from '../../../src/graph/document';
import { DEFAULT_START_OPTIONS, transferablesOf, type FromTrainer } from '../../../src/training/protocol';
import { chain } from '../core/doc-helpers';
import { harness, ofType, startMsg } from '../../helpers/trainer-harness';

const SADDLE: DatasetRef = {
  kind: 'builtin',
  id: 'toy-saddle',
  options: { size: 400, noise: 0.02, classes: 2, seed: 5 },
};

function saddlePlan(): ModelPlan {
  const doc = {
    ...chain([
      ['input'],
      ['dense', { units: 32, activation: 'tanh' }],
      ['dense', { units: 32, activation: 'tanh' }],
      ['dense', { units: 1 }],
      ['regression-output'],
    ]),
    dataset: SADDLE,
  };
  const r = compilePlan(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

type Surface = Extract<FromTrainer, { type: 'surface' }>;

/** Mean absolute distance of a surface from x1² − x2² over the cells inside the data's square. */
function surfaceError(s: Surface): number {
  const { resolution: res, extent: e } = s;
  let sum = 0;
  let n = 0;
  for (let r = 0; r < res; r++)
    for (let c = 0; c < res; c++) {
      const x = e.xMin + ((c + 0.5) * (e.xMax - e.xMin)) / res;
      const y = e.yMin + ((r + 0.5) * (e.yMax - e.yMin)) / res;
      if (Math.abs(x) > 1 || Math.abs(y) > 1) continue;
      sum += Math.abs(s.predictions[r * res + c]! - TOY_REGRESSION_FUNCTIONS.saddle([x, y]));
      n++;
    }
  return sum / n;
}

describe('the prediction surface of a two-input regression model', () => {
  it('is posted on the plane of the saddle set while it trains, and approaches x1² − x2²', async () => {
    const { trainer, messages } = harness(toySource());
    const base = startMsg(saddlePlan(), {
      dataset: SADDLE,
      config: { epochs: 25, batchSize: 16, optimizer: 'adam', learningRate: 0.01, seed: 3 },
    });
    await trainer.handle({
      ...base,
      options: { ...DEFAULT_START_OPTIONS, boundary: { resolution: 16, intervalMs: 50 } },
    });
    expect(ofType(messages, 'failed')).toEqual([]);
    expect(ofType(messages, 'boundary')).toEqual([]);
    const surfaces = ofType(messages, 'surface');
    expect(surfaces.length).toBeGreaterThanOrEqual(25);
    const [first, last] = [surfaces[0]!, surfaces.at(-1)!];
    expect(last.predictions).toHaveLength(16 * 16);
    expect(last.predictions.every(Number.isFinite)).toBe(true);
    // The plane covers the data's square [-1, 1]², a little padded.
    expect(last.extent.xMin).toBeLessThan(-0.9);
    expect(last.extent.yMax).toBeGreaterThan(0.9);
    expect(surfaceError(last)).toBeLessThan(surfaceError(first) / 3);
    expect(surfaceError(last)).toBeLessThan(0.15);
    expect(transferablesOf(last)).toEqual([last.predictions.buffer]);
  }, 60_000);

  it('is not posted unless asked for', async () => {
    const { trainer, messages } = harness(toySource());
    await trainer.handle(startMsg(saddlePlan(), { dataset: SADDLE, config: { epochs: 1, batchSize: 32 } }));
    expect(ofType(messages, 'finished')).toHaveLength(1);
    expect(ofType(messages, 'surface')).toEqual([]);
  }, 60_000);
});
