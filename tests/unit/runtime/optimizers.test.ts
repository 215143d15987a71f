import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING } from '../../../src/graph/document';
import { setupBackend } from '../../../src/runtime/backend';
import { disposeUpdate, Optimizer, type OptimizerSettings } from '../../../src/runtime/optimizer';
import { tidyKeep } from '../../../src/runtime/train-step';

/**
 * Two steps on w0 = [1, -2] with gradients g1 = [0.5, 0.25], then g2 = [-1, 0.5]; the
 * expected weights are worked out by hand below (PyTorch's update rules).
 */
function twoSteps(settings: Partial<OptimizerSettings>, lr: number): { w1: number[]; w2: number[] } {
  const s: OptimizerSettings = { ...DEFAULT_TRAINING, ...settings };
  const w = tf.variable(tf.tensor1d([1, -2]));
  const opt = new Optimizer(s, [w]);
  const step = (g: number[]): number[] => {
    const before = Array.from(w.dataSync());
    const u = tidyKeep(() => opt.propose([tf.tensor1d(g)], lr));
    // Proposing writes nothing; only commit does.
    expect(Array.from(w.dataSync())).toEqual(before);
    opt.commit(u);
    disposeUpdate(u);
    return Array.from(w.dataSync());
  };
  const w1 = step([0.5, 0.25]);
  const w2 = step([-1, 0.5]);
  expect(opt.updates).toBe(2);
  opt.dispose();
  w.dispose();
  return { w1, w2 };
}

const close = (actual: number[], expected: number[]): void =>
  expected.forEach((e, i) => expect(actual[i], `[${i}]`).toBeCloseTo(e, 5));

describe('optimizers against hand-computed steps', () => {
  beforeAll(async () => {
    await setupBackend('cpu');
  });

  it('SGD: w -= lr·g', () => {
    const { w1, w2 } = twoSteps({ optimizer: 'sgd' }, 0.1);
    close(w1, [1 - 0.05, -2 - 0.025]);
    close(w2, [0.95 + 0.1, -2.025 - 0.05]);
  });

  it('SGD with momentum 0.9: b = 0.9·b + g', () => {
    const { w1, w2 } = twoSteps({ optimizer: 'sgd', momentum: 0.9 }, 0.1);
    // b1 = g1 = [0.5, 0.25]; b2 = 0.9·b1 + g2 = [-0.55, 0.725]
    close(w1, [0.95, -2.025]);
    close(w2, [0.95 + 0.055, -2.025 - 0.0725]);
  });

  it('SGD with Nesterov momentum: d = g + 0.9·b', () => {
    const { w1, w2 } = twoSteps({ optimizer: 'sgd', momentum: 0.9, nesterov: true }, 0.1);
    // d1 = g1 + 0.9·[0.5, 0.25] = [0.95, 0.475]; d2 = g2 + 0.9·[-0.55, 0.725] = [-1.495, 1.1525]
    close(w1, [1 - 0.095, -2 - 0.0475]);
    close(w2, [0.905 + 0.1495, -2.0475 - 0.11525]);
  });

  it('SGD with weight decay 0.01 adds 0.01·w to the gradient', () => {
    const { w1 } = twoSteps({ optimizer: 'sgd', weightDecay: 0.01 }, 0.1);
    // g1 + 0.01·w0 = [0.51, 0.23]
    close(w1, [1 - 0.051, -2 - 0.023]);
  });

  it('Adam: bias-corrected moments', () => {
    const { w1, w2 } = twoSteps({ optimizer: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, 0.1);
    // Step 1: m = 0.1·g1, v = 0.001·g1²; m̂ = g1, √v̂ = |g1|, so w moves by lr·sign(g1).
    close(w1, [0.9, -2.1]);
    // Step 2: m = [0.045 − 0.1, 0.0225 + 0.05] = [-0.055, 0.0725]
    //         v = [0.999·0.00025 + 0.001·1, 0.999·0.0000625 + 0.001·0.25] = [0.00124975, 0.0003124375]
    //         bc1 = 1 − 0.81 = 0.19, bc2 = 1 − 0.998001 = 0.001999
    const step2 = [-0.055, 0.0725].map(
      (m, i) => (0.1 / 0.19) * (m / (Math.sqrt([0.00124975, 0.0003124375][i]!) / Math.sqrt(0.001999) + 1e-8)),
    );
    close(w2, [0.9 - step2[0]!, -2.1 - step2[1]!]);
    close(step2, [-0.03661, 0.096518]);
  });

  it('Adam with L2 weight decay (coupled): g + wd·w can flip the step', () => {
    const { w1 } = twoSteps({ optimizer: 'adam', weightDecay: 0.2 }, 0.1);
    // g1 + 0.2·w0 = [0.7, -0.15]: the second coordinate now moves up.
    close(w1, [0.9, -1.9]);
  });

  it('AdamW: decoupled decay shrinks w by (1 − lr·wd) first', () => {
    const { w1 } = twoSteps({ optimizer: 'adamw', weightDecay: 0.1 }, 0.1);
    // w0·(1 − 0.01) = [0.99, -1.98], then the plain Adam step of lr·sign(g1)
    close(w1, [0.99 - 0.1, -1.98 - 0.1]);
  });

  it('RMSprop: a = ρ·a + (1 − ρ)·g², step lr·g/(√a + ε)', () => {
    const { w1, w2 } = twoSteps({ optimizer: 'rmsprop', rho: 0.9, epsilon: 1e-8 }, 0.01);
    // a1 = 0.1·[0.25, 0.0625] = [0.025, 0.00625]; g1/√a1 = [√10, √10]
    close(w1, [1 - 0.01 * Math.sqrt(10), -2 - 0.01 * Math.sqrt(10)]);
    // a2 = [0.0225 + 0.1, 0.005625 + 0.025] = [0.1225, 0.030625]; √a2 = [0.35, 0.175]
    close(w2, [w1[0]! + 0.01 / 0.35, w1[1]! - 0.01 * (0.5 / 0.175)]);
  });

  it('RMSprop with momentum 0.9 accumulates the scaled steps', () => {
    const { w2 } = twoSteps({ optimizer: 'rmsprop', rho: 0.9, momentum: 0.9, epsilon: 1e-8 }, 0.01);
    const d1 = Math.sqrt(10);
    const b2 = [0.9 * d1 - 1 / 0.35, 0.9 * d1 + 0.5 / 0.175];
    close(w2, [1 - 0.01 * d1 - 0.01 * b2[0]!, -2 - 0.01 * d1 - 0.01 * b2[1]!]);
  });
});
