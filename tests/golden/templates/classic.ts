import type { Doc } from '../../../src/graph/document';
import { convBnRelu, FASHION_MNIST, imageInput, reluConv, TemplateBuilder } from './builder';

/** Settings shared by the image templates: seeded, full training set, test-set evaluation. */
const BASE = { seed: 1, trainLimit: null, validation: { kind: 'test-set' } } as const;

/** A multilayer perceptron: one hidden layer of 256 ReLUs with dropout (d2l 5.6). */
export function mlpFashion(): Doc {
  const b = new TemplateBuilder('MLP', FASHION_MNIST, {
    ...BASE,
    optimizer: 'sgd',
    learningRate: 0.1,
    batchSize: 256,
    epochs: 10,
  });
  const last = b.chain(imageInput(b), [
    ['flatten', 'flatten'],
    ['hidden', 'dense', { units: 256, activation: 'relu', initializer: 'heNormal' }],
    ['dropout', 'dropout', { rate: 0.5 }],
    ['logits', 'dense', { units: 10 }],
  ]);
  b.add('output', 'output', {}, { from: last });
  return b.build();
}

/** A small MLP for the built-in 2D toy set with three spiral arms. */
export function mlpToy2d(): Doc {
  const b = new TemplateBuilder(
    'MLP for 2D points',
    { kind: 'builtin', id: 'toy-spiral', options: { size: 1500, noise: 0.03, classes: 3, seed: 1 } },
    {
      seed: 1,
      trainLimit: null,
      validation: { kind: 'split', fraction: 0.2 },
      optimizer: 'adam',
      learningRate: 0.02,
      batchSize: 32,
      epochs: 30,
    },
  );
  const input = b.add('input', 'input', { source: 'dataset', layout: 'vector', size: 2 });
  const hidden = { units: 64, activation: 'relu', initializer: 'heNormal' };
  const last = b.chain(input, [
    ['hidden1', 'dense', hidden],
    ['hidden2', 'dense', hidden],
    ['logits', 'dense', { units: 3 }],
  ]);
  b.add('output', 'output', {}, { from: last });
  return b.build();
}

/** AlexNet's shape (5 convolutions, 3 overlapping max pools, 2 wide dropout layers) scaled to 28x28. */
export function alexnetSmall(): Doc {
  const b = new TemplateBuilder('AlexNet (small)', FASHION_MNIST, {
    ...BASE,
    optimizer: 'sgd',
    learningRate: 0.01,
    momentum: 0.9,
    batchSize: 128,
    epochs: 10,
  });
  const pool = { poolSize: 3, strides: 2 };
  const features = b.chain(
    imageInput(b),
    [
      ['conv1', 'conv2d', reluConv(32, 5)],
      ['pool1', 'max-pool2d', pool],
      ['conv2', 'conv2d', reluConv(64, 5)],
      ['pool2', 'max-pool2d', pool],
      ['conv3', 'conv2d', reluConv(96, 3)],
      ['conv4', 'conv2d', reluConv(96, 3)],
      ['conv5', 'conv2d', reluConv(64, 3)],
      ['pool3', 'max-pool2d', pool],
    ],
    { block: 'features' },
  );
  const fc = { units: 512, activation: 'relu', initializer: 'heNormal' };
  const last = b.chain(
    features,
    [
      ['flatten', 'flatten'],
      ['fc1', 'dense', fc],
      ['dropout1', 'dropout', { rate: 0.5 }],
      ['fc2', 'dense', fc],
      ['dropout2', 'dropout', { rate: 0.5 }],
      ['fc3', 'dense', { units: 10 }],
    ],
    { block: 'classifier' },
  );
  b.add('output', 'output', {}, { from: last });
  return b.build();
}

/** VGG-11's five blocks (1, 1, 2, 2, 2 convolutions, each block ending in a pool) at an eighth of the width. */
export function vgg11Small(): Doc {
  const b = new TemplateBuilder('VGG-11 (small)', FASHION_MNIST, {
    ...BASE,
    optimizer: 'sgd',
    learningRate: 0.05,
    momentum: 0.9,
    batchSize: 128,
    epochs: 10,
  });
  const blocks: [number, number][] = [
    [1, 16],
    [1, 32],
    [2, 64],
    [2, 128],
    [2, 128],
  ];
  // 'same' pooling rounds up, so the five pools take 28 to 14, 7, 4, 2 and 1.
  let x = imageInput(b);
  blocks.forEach(([convs, filters], i) => {
    const block = `vgg${i + 1}`;
    for (let c = 1; c <= convs; c++) {
      x = convBnRelu(b, `${block}_${c}`, x, { filters, kernelSize: 3 }, { block });
    }
    x = b.add(`${block}_pool`, 'max-pool2d', { padding: 'same' }, { from: x, block });
  });
  const fc = { units: 256, activation: 'relu', initializer: 'heNormal' };
  const last = b.chain(
    x,
    [
      ['flatten', 'flatten'],
      ['fc1', 'dense', fc],
      ['dropout1', 'dropout', { rate: 0.5 }],
      ['fc2', 'dense', fc],
      ['dropout2', 'dropout', { rate: 0.5 }],
      ['fc3', 'dense', { units: 10 }],
    ],
    { block: 'classifier' },
  );
  b.add('output', 'output', {}, { from: last });
  return b.build();
}

/** Network in Network: blocks of a convolution and two 1x1 convolutions, then global average pooling. */
export function nin(): Doc {
  const b = new TemplateBuilder('Network in Network', FASHION_MNIST, {
    ...BASE,
    optimizer: 'adam',
    learningRate: 0.001,
    batchSize: 128,
    epochs: 10,
  });
  const ninBlock = (
    n: number,
    from: string,
    filters: number,
    kernelSize: number,
    lastLinear = false,
  ): string =>
    b.chain(
      from,
      [
        [`nin${n}_conv`, 'conv2d', reluConv(filters, kernelSize)],
        [`nin${n}_mlp1`, 'conv2d', reluConv(filters, 1)],
        [`nin${n}_mlp2`, 'conv2d', lastLinear ? { filters, kernelSize: 1 } : reluConv(filters, 1)],
      ],
      { block: `nin${n}` },
    );
  const pool = { poolSize: 3, strides: 2 };
  let x = ninBlock(1, imageInput(b), 32, 5);
  x = b.add('pool1', 'max-pool2d', pool, { from: x });
  x = ninBlock(2, x, 64, 5);
  x = b.add('pool2', 'max-pool2d', pool, { from: x });
  x = ninBlock(3, x, 96, 3);
  x = b.add('pool3', 'max-pool2d', pool, { from: x });
  x = b.add('dropout', 'dropout', { rate: 0.5 }, { from: x });
  // The last block has one channel per class; its average over the image is the logit.
  x = ninBlock(4, x, 10, 3, true);
  x = b.add('global_pool', 'global-avg-pool2d', {}, { from: x });
  b.add('output', 'output', {}, { from: x });
  return b.build();
}
