import type { Doc } from '../../../src/graph/document';
import { graph } from '../core/doc-helpers';

/** Every layer kind the exporter maps, with uneven 'same' padding, merges and a rank-3 reshape. */
export const zoo = (): Doc =>
  graph(
    [
      ['in', 'input'],
      ['c1', 'conv2d', { filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }],
      [
        'dw',
        'depthwise-conv2d',
        { kernelSize: 3, padding: 'same', activation: 'gelu', initializer: 'heNormal' },
      ],
      ['add', 'add'],
      ['cat', 'concatenate', { axis: -1 }],
      ['ln', 'layer-norm'],
      ['mp', 'max-pool2d', { poolSize: 3, strides: 2, padding: 'same' }],
      ['ap', 'avg-pool2d', { poolSize: 2, strides: 2, padding: 'same' }],
      ['rs', 'reshape', { targetShape: '16, 16' }],
      ['act', 'activation', { activation: 'leaky-relu', alpha: 0.2 }],
      ['fl', 'flatten'],
      ['gp', 'global-avg-pool2d'],
      ['cat2', 'concatenate', { axis: -1 }],
      ['do', 'dropout', { rate: 0.3 }],
      ['d', 'dense', { units: 10 }],
      ['bn', 'batch-norm', { momentum: 0.8, center: false }],
      ['out', 'output'],
    ],
    [
      ['in', 'c1'],
      ['c1', 'dw'],
      ['c1', 'add', 0],
      ['dw', 'add', 1],
      ['add', 'cat', 0],
      ['c1', 'cat', 1],
      ['cat', 'ln'],
      ['ln', 'mp'],
      ['mp', 'ap'],
      ['ap', 'rs'],
      ['rs', 'act'],
      ['act', 'fl'],
      ['mp', 'gp'],
      ['fl', 'cat2', 0],
      ['gp', 'cat2', 1],
      ['cat2', 'do'],
      ['do', 'd'],
      ['d', 'bn'],
      ['bn', 'out'],
    ],
  );
