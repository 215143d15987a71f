import type { Doc } from '../../../src/graph/document';
import { TemplateBuilder } from './builder';

/** A small MLP that fits a curve: the built-in 1D sine set, two hidden tanh layers, a regression head. */
export function mlpRegression(): Doc {
  const b = new TemplateBuilder(
    'Regression MLP',
    { kind: 'builtin', id: 'toy-sine', options: { size: 500, noise: 0.1, classes: 2, seed: 1 } },
    {
      seed: 1,
      trainLimit: null,
      validation: { kind: 'test-set' },
      optimizer: 'adam',
      learningRate: 0.01,
      batchSize: 32,
      epochs: 30,
    },
  );
  const input = b.add('input', 'input', { source: 'dataset', layout: 'vector', size: 1 });
  const hidden = { units: 32, activation: 'tanh' };
  const last = b.chain(input, [
    ['hidden1', 'dense', hidden],
    ['hidden2', 'dense', hidden],
    ['prediction', 'dense', { units: 1 }],
  ]);
  b.add('output', 'regression-output', { loss: 'mse' }, { from: last });
  return b.build();
}
