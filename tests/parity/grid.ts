import type { Params } from '../../src/layers/spec';
import type { Shape } from '../../src/tensor/shape';

/** One layer configuration: a kind, its parameters and its input shapes (batch unknown). */
export interface Case {
  kind: string;
  params: Params;
  inputs: Shape[];
}

/** Every combination of the given option lists, as parameter objects. */
function combos(options: Record<string, readonly (number | string | boolean)[]>): Params[] {
  let out: Record<string, number | string | boolean>[] = [{}];
  for (const [name, values] of Object.entries(options)) {
    out = out.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
  }
  return out;
}

const IMAGES: Shape[] = [
  [null, 7, 7, 1],
  [null, 12, 10, 3],
  [null, 28, 28, 2],
];
const VECTORS: Shape[] = [
  [null, 1],
  [null, 7],
  [null, 256],
];

const each = (kind: string, inputs: Shape[], params: Params[]): Case[] =>
  inputs.flatMap((input) => params.map((p) => ({ kind, params: p, inputs: [input] })));

/** Conv2D: kernel, stride, padding, dilation, filters, bias, activation and initializer. */
function conv2d(): Case[] {
  const strideDilation = [
    { strides: 1, dilation: 1 },
    { strides: 1, dilation: 2 },
    { strides: 2, dilation: 1 },
    { strides: 3, dilation: 1 },
  ];
  const rest = combos({
    kernelSize: [1, 3, 5],
    padding: ['valid', 'same'],
    filters: [1, 4],
    useBias: [true, false],
  });
  const params = rest.flatMap((p, i) =>
    strideDilation.map((sd) => ({
      ...p,
      ...sd,
      activation: i % 3 === 0 ? 'relu' : 'linear',
      initializer: i % 2 === 0 ? 'heNormal' : 'glorotUniform',
    })),
  );
  return each('conv2d', IMAGES, params);
}

/** DepthwiseConv2D: kernel, stride, padding, depth multiplier, bias. */
const depthwise = (): Case[] =>
  each(
    'depthwise-conv2d',
    IMAGES,
    combos({
      kernelSize: [1, 3, 5],
      strides: [1, 2],
      padding: ['valid', 'same'],
      depthMultiplier: [1, 2],
      useBias: [true, false],
    }),
  );

const dense = (): Case[] => each('dense', VECTORS, combos({ units: [1, 10, 120], useBias: [true, false] }));

const norms = (): Case[] => {
  const shapes: Shape[] = [
    [null, 5],
    [null, 120],
    [null, 4, 4, 3],
    [null, 24, 24, 6],
  ];
  const flags = combos({ center: [true, false], scale: [true, false] });
  return [...each('batch-norm', shapes, flags), ...each('layer-norm', shapes, flags)];
};

const pools = (): Case[] => {
  const params = combos({ poolSize: [1, 2, 3], strides: [1, 2, 3], padding: ['valid', 'same'] });
  return [...each('max-pool2d', IMAGES, params), ...each('avg-pool2d', IMAGES, params)];
};

const shapeless = (): Case[] => [
  ...each('global-avg-pool2d', IMAGES, [{}]),
  ...each('global-max-pool2d', IMAGES, [{}]),
  ...each('flatten', [...IMAGES, [null, 3, 5]], [{}]),
  ...each(
    'dropout',
    [
      [null, 10],
      [null, 4, 4, 3],
    ],
    [{ rate: 0.3 }],
  ),
  ...each(
    'activation',
    [
      [null, 10],
      [null, 4, 4, 3],
    ],
    ['relu', 'leaky-relu', 'elu', 'gelu', 'swish', 'sigmoid', 'tanh', 'softmax'].map((activation) => ({
      activation,
      alpha: 0.1,
    })),
  ),
];

const reshapes = (): Case[] => [
  ...each(
    'reshape',
    [[null, 784]],
    ['28,28,1', '-1', '7,-1', '4,14,14', '-1,2,2'].map((t) => ({ targetShape: t })),
  ),
  ...each(
    'reshape',
    [[null, 4, 4, 16]],
    ['256', '16,16', '-1,4', '2, 2, 64', '8,-1,4'].map((t) => ({ targetShape: t })),
  ),
  ...each(
    'reshape',
    [[null, 12, 10, 3]],
    ['360', '10,12,3', '-1,5', '6,5,12'].map((t) => ({ targetShape: t })),
  ),
];

/** Add and Concatenate with 2, 3, 5 and 8 inputs. */
const merges = (): Case[] => {
  const out: Case[] = [];
  for (const n of [2, 3, 5, 8]) {
    for (const s of [
      [null, 10],
      [null, 4, 4, 3],
      [null, 7, 5, 2],
    ] as Shape[]) {
      out.push({ kind: 'add', params: {}, inputs: Array.from({ length: n }, () => s) });
    }
    const axes: [number, Shape][] = [
      [-1, [null, 6, 5, 0]],
      [3, [null, 6, 5, 0]],
      [1, [null, 0, 5, 3]],
      [-3, [null, 0, 5, 3]],
      [2, [null, 6, 0, 3]],
      [-2, [null, 6, 0, 3]],
      [-1, [null, 0]],
      [1, [null, 0]],
    ];
    for (const [axis, template] of axes) {
      // The joined axis (marked 0) varies between inputs: 1, 2, 3, ...
      const inputs = Array.from({ length: n }, (_, i) => template.map((d) => (d === 0 ? i + 1 : d)));
      out.push({ kind: 'concatenate', params: { axis }, inputs });
    }
  }
  return out;
};

/** The whole grid of valid configurations. */
export const validGrid = (): Case[] => [
  ...conv2d(),
  ...depthwise(),
  ...dense(),
  ...norms(),
  ...pools(),
  ...shapeless(),
  ...reshapes(),
  ...merges(),
];

/** Configurations both we and tfjs must refuse. */
export const invalidGrid = (): Case[] => [
  { kind: 'reshape', params: { targetShape: '28,28,2' }, inputs: [[null, 784]] },
  { kind: 'reshape', params: { targetShape: '5,-1' }, inputs: [[null, 784]] },
  {
    kind: 'add',
    params: {},
    inputs: [
      [null, 4],
      [null, 5],
    ],
  },
  {
    kind: 'add',
    params: {},
    inputs: [
      [null, 4, 4, 3],
      [null, 4, 4, 2],
    ],
  },
  {
    kind: 'concatenate',
    params: { axis: -1 },
    inputs: [
      [null, 4, 4, 3],
      [null, 4, 5, 3],
    ],
  },
  {
    kind: 'concatenate',
    params: { axis: 1 },
    inputs: [
      [null, 4, 4, 3],
      [null, 4, 4, 2],
    ],
  },
  {
    kind: 'concatenate',
    params: { axis: -1 },
    inputs: [
      [null, 4, 4, 3],
      [null, 12],
    ],
  },
  { kind: 'flatten', params: {}, inputs: [[null, 9]] },
];
