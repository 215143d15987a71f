import type { Doc } from '../../../src/graph/document';
import { convBnRelu, FASHION_MNIST, imageInput, reluConv, TemplateBuilder } from './builder';

const BASE = { seed: 1, trainLimit: null, validation: { kind: 'test-set' } } as const;

/** Channels of one inception block's branches: 1x1; 3x3 reduce and 3x3; 5x5 reduce and 5x5; pool projection. */
interface InceptionWidths {
  b1: number;
  b2: [number, number];
  b3: [number, number];
  b4: number;
}

/**
 * An inception block: four parallel branches side by side, joined by a Concatenate whose
 * ports follow the branches left to right. Returns the Concatenate's id.
 */
function inception(b: TemplateBuilder, n: number, from: string, w: InceptionWidths): string {
  const block = `inception${n}`;
  const p = `inc${n}`;
  const at = (lane: number) => ({ block, lane });
  const branch1 = b.add(`${p}_1x1`, 'conv2d', reluConv(w.b1, 1), { ...at(-1.5), from });
  const branch2 = b.chain(
    from,
    [
      [`${p}_3x3_reduce`, 'conv2d', reluConv(w.b2[0], 1)],
      [`${p}_3x3`, 'conv2d', reluConv(w.b2[1], 3)],
    ],
    at(-0.5),
  );
  const branch3 = b.chain(
    from,
    [
      [`${p}_5x5_reduce`, 'conv2d', reluConv(w.b3[0], 1)],
      [`${p}_5x5`, 'conv2d', reluConv(w.b3[1], 5)],
    ],
    at(0.5),
  );
  const branch4 = b.chain(
    from,
    [
      [`${p}_pool`, 'max-pool2d', { poolSize: 3, strides: 1, padding: 'same' }],
      [`${p}_pool_proj`, 'conv2d', reluConv(w.b4, 1)],
    ],
    at(1.5),
  );
  return b.add(
    `${p}_concat`,
    'concatenate',
    { axis: -1 },
    { ...at(0), from: [branch1, branch2, branch3, branch4] },
  );
}

/** GoogLeNet in miniature: a stem, two inception blocks with a pool between, global pooling. */
export function googlenetMini(): Doc {
  const b = new TemplateBuilder('GoogLeNet (mini)', FASHION_MNIST, {
    ...BASE,
    optimizer: 'adam',
    learningRate: 0.001,
    batchSize: 128,
    epochs: 10,
  });
  const pool = { poolSize: 3, strides: 2, padding: 'same' };
  let x = b.chain(
    imageInput(b),
    [
      ['stem_conv', 'conv2d', reluConv(32, 3)],
      ['stem_pool', 'max-pool2d', pool],
    ],
    { block: 'stem' },
  );
  x = inception(b, 1, x, { b1: 16, b2: [24, 32], b3: [4, 8], b4: 8 });
  x = b.add('pool2', 'max-pool2d', pool, { from: x });
  x = inception(b, 2, x, { b1: 32, b2: [48, 64], b3: [8, 16], b4: 16 });
  const last = b.chain(x, [
    ['global_pool', 'global-avg-pool2d'],
    ['dropout', 'dropout', { rate: 0.4 }],
    ['fc', 'dense', { units: 10 }],
  ]);
  b.add('output', 'output', {}, { from: last });
  return b.build();
}

/**
 * A basic residual block: two 3x3 convolutions (left lane) added to the skip, which is
 * the block's input itself or, where the shape changes, a strided 1x1 projection (right lane).
 */
function residual(
  b: TemplateBuilder,
  name: string,
  from: string,
  filters: number,
  strides: number,
  project: boolean,
) {
  const conv = (id: string, s: number) =>
    [
      id,
      'conv2d',
      { filters, kernelSize: 3, strides: s, padding: 'same', useBias: false, initializer: 'heNormal' },
    ] as const;
  const main = b.chain(
    from,
    [
      conv(`${name}_conv1`, strides),
      [`${name}_bn1`, 'batch-norm'],
      [`${name}_relu1`, 'activation', { activation: 'relu' }],
      conv(`${name}_conv2`, 1),
      [`${name}_bn2`, 'batch-norm'],
    ],
    { block: name, lane: -1 },
  );
  const skip = project
    ? b.chain(
        from,
        [
          [
            `${name}_proj`,
            'conv2d',
            { filters, kernelSize: 1, strides, useBias: false, initializer: 'heNormal' },
          ],
          [`${name}_proj_bn`, 'batch-norm'],
        ],
        { block: name, lane: 1 },
      )
    : from;
  const sum = b.add(`${name}_add`, 'add', {}, { from: [main, skip], block: name });
  return b.add(`${name}_relu`, 'activation', { activation: 'relu' }, { from: sum, block: name });
}

/** ResNet-18 at a quarter of the width: stem, four stages of two residual blocks, global pooling. */
export function resnet18Small(): Doc {
  const b = new TemplateBuilder('ResNet-18 (small)', FASHION_MNIST, {
    ...BASE,
    optimizer: 'sgd',
    learningRate: 0.05,
    momentum: 0.9,
    weightDecay: 0.0005,
    schedule: { kind: 'cosine', warmupSteps: 0 },
    batchSize: 128,
    epochs: 10,
  });
  let x = convBnRelu(b, 'stem', imageInput(b), { filters: 16, kernelSize: 3 }, { block: 'stem' });
  [16, 32, 64, 128].forEach((filters, i) => {
    const first = i > 0; // stages 2 to 4 halve the size and widen, so their first skip projects
    x = residual(b, `res${i + 1}a`, x, filters, first ? 2 : 1, first);
    x = residual(b, `res${i + 1}b`, x, filters, 1, false);
  });
  const last = b.chain(x, [
    ['global_pool', 'global-avg-pool2d'],
    ['fc', 'dense', { units: 10 }],
  ]);
  b.add('output', 'output', {}, { from: last });
  return b.build();
}

/** A dense block: each BN-ReLU-conv (left lane) adds `growth` channels, concatenated onto its input. */
function denseBlock(b: TemplateBuilder, n: number, from: string, layers: number, growth: number): string {
  const block = `dense${n}`;
  let x = from;
  for (let i = 1; i <= layers; i++) {
    const p = `dense${n}_${i}`;
    const y = b.chain(
      x,
      [
        [`${p}_bn`, 'batch-norm'],
        [`${p}_relu`, 'activation', { activation: 'relu' }],
        [
          `${p}_conv`,
          'conv2d',
          { filters: growth, kernelSize: 3, padding: 'same', useBias: false, initializer: 'heNormal' },
        ],
      ],
      { block, lane: -1 },
    );
    x = b.add(`${p}_concat`, 'concatenate', { axis: -1 }, { from: [x, y], block });
  }
  return x;
}

/** A transition layer: BN, ReLU, a 1x1 convolution to `filters` channels, 2x2 average pooling. */
function transition(b: TemplateBuilder, n: number, from: string, filters: number): string {
  const p = `trans${n}`;
  return b.chain(
    from,
    [
      [`${p}_bn`, 'batch-norm'],
      [`${p}_relu`, 'activation', { activation: 'relu' }],
      [`${p}_conv`, 'conv2d', { filters, kernelSize: 1, useBias: false, initializer: 'heNormal' }],
      [`${p}_pool`, 'avg-pool2d'],
    ],
    { block: `transition${n}` },
  );
}

/** DenseNet in small: three dense blocks of four layers (growth 12), transitions halving the channels. */
export function densenetSmall(): Doc {
  const b = new TemplateBuilder('DenseNet (small)', FASHION_MNIST, {
    ...BASE,
    optimizer: 'sgd',
    learningRate: 0.05,
    momentum: 0.9,
    weightDecay: 0.0005,
    schedule: { kind: 'cosine', warmupSteps: 0 },
    batchSize: 128,
    epochs: 10,
  });
  let x = convBnRelu(b, 'stem', imageInput(b), { filters: 24, kernelSize: 3 }, { block: 'stem' });
  x = b.add(
    'stem_pool',
    'max-pool2d',
    { poolSize: 3, strides: 2, padding: 'same' },
    { from: x, block: 'stem' },
  );
  const growth = 12;
  let channels = 24;
  for (let n = 1; n <= 3; n++) {
    x = denseBlock(b, n, x, 4, growth);
    channels += 4 * growth;
    if (n < 3) {
      channels = channels / 2;
      x = transition(b, n, x, channels);
    }
  }
  const last = b.chain(x, [
    ['final_bn', 'batch-norm'],
    ['final_relu', 'activation', { activation: 'relu' }],
    ['global_pool', 'global-avg-pool2d'],
    ['fc', 'dense', { units: 10 }],
  ]);
  b.add('output', 'output', {}, { from: last });
  return b.build();
}
