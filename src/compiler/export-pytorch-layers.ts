import type { Shape } from '../tensor/shape';
import { cfgNum, cfgStr, first, py, samePadding, type ExportNode } from './export-common';

/** The PyTorch module of one layer (a Python expression), plus a comment where PyTorch differs. */
export interface TorchLayer {
  expr: string;
  note?: string;
}

const channels = (s: Shape): number => Number(s[s.length - 1]);

/**
 * PyTorch's F.pad order for TensorFlow 'same' padding: (left, right, top, bottom), or null
 * when nothing is padded. PyTorch's own padding='same' works for stride 1 only and pads
 * evenly, so the exporter always computes TensorFlow's padding itself.
 */
function padOf(input: Shape, padding: string, k: number, s: number, d = 1): string {
  if (padding !== 'same') return 'None';
  const [t, b] = samePadding(Number(input[1]), k, s, d);
  const [l, r] = samePadding(Number(input[2]), k, s, d);
  return t + b + l + r === 0 ? 'None' : `(${l}, ${r}, ${t}, ${b})`;
}

function conv(e: ExportNode, depthwise: boolean): TorchLayer {
  const n = e.node;
  const input = e.inputShapes[0]!;
  const cin = channels(input);
  const k = first(n.config.kernelSize);
  const s = first(n.config.strides);
  const d = depthwise ? 1 : first(n.config.dilationRate);
  const cout = depthwise ? cin * cfgNum(n, 'depthMultiplier') : cfgNum(n, 'filters');
  // Keras's fans: a depthwise kernel [k, k, C, m] has fan_in k·k·C and fan_out k·k·m.
  const fans = depthwise ? [k * k * cin, k * k * cfgNum(n, 'depthMultiplier')] : [k * k * cin, k * k * cout];
  const init = cfgStr(n, depthwise ? 'depthwiseInitializer' : 'kernelInitializer');
  const args = [
    `${cin}, ${cout}, ${k}, stride=${s}`,
    d > 1 ? `dilation=${d}` : '',
    depthwise ? `groups=${cin}` : '',
    `bias=${py(n.config.useBias)}`,
    `pad=${padOf(input, cfgStr(n, 'padding'), k, s, d)}`,
    `activation=${py(n.config.activation)}`,
    `initializer=${py(init)}`,
    `fans=${py(fans)}`,
  ];
  const uneven = cfgStr(n, 'padding') === 'same' && s > 1;
  return {
    expr: `Conv2d(${args.filter(Boolean).join(', ')})`,
    ...(uneven
      ? { note: "'same' with stride > 1: TensorFlow's (possibly uneven) padding is applied explicitly" }
      : {}),
  };
}

function pool(e: ExportNode, mode: 'max' | 'avg'): TorchLayer {
  const n = e.node;
  const k = first(n.config.poolSize);
  const s = first(n.config.strides);
  return {
    expr: `Pool2d(${py(mode)}, ${k}, ${s}, pad=${padOf(e.inputShapes[0]!, cfgStr(n, 'padding'), k, s)})`,
  };
}

/** The app's axis of a Concatenate as a PyTorch dim (channels −1 of an NHWC image → dim 1 of NCHW). */
export function concatDim(axis: number, rank: number): number {
  const a = axis < 0 ? rank + axis : axis;
  if (rank !== 4) return a;
  return a === 3 ? 1 : a + 1;
}

const TORCH: Readonly<Record<string, (e: ExportNode) => TorchLayer>> = {
  Conv2D: (e) => conv(e, false),
  DepthwiseConv2D: (e) => conv(e, true),
  Dense: (e) => {
    const c = e.node.config;
    const args = [
      channels(e.inputShapes[0]!),
      c.units,
      `bias=${py(c.useBias)}`,
      `activation=${py(c.activation)}`,
      `initializer=${py(c.kernelInitializer)}`,
    ];
    return { expr: `Linear(${args.join(', ')})` };
  },
  BatchNormalization: (e) => {
    const c = e.node.config;
    const momentum = Number((1 - Number(c.momentum)).toPrecision(12));
    return {
      expr: `BatchNorm(${channels(e.inputShapes[0]!)}, momentum=${momentum}, eps=${py(c.epsilon)}, center=${py(c.center)}, scale=${py(c.scale)})`,
      note: `Keras momentum ${String(c.momentum)} = PyTorch momentum ${momentum}`,
    };
  },
  LayerNormalization: (e) => {
    const c = e.node.config;
    return {
      expr: `LayerNorm(${channels(e.inputShapes[0]!)}, eps=${py(c.epsilon)}, center=${py(c.center)}, scale=${py(c.scale)})`,
    };
  },
  Activation: (e) => ({ expr: `Activation(${py(e.node.config.activation)})` }),
  LeakyReLU: (e) => ({ expr: `Activation("leaky-relu", alpha=${py(e.node.config.alpha)})` }),
  MaxPooling2D: (e) => pool(e, 'max'),
  AveragePooling2D: (e) => pool(e, 'avg'),
  GlobalAveragePooling2D: () => ({ expr: 'GlobalPool2d("avg")' }),
  GlobalMaxPooling2D: () => ({ expr: 'GlobalPool2d("max")' }),
  Flatten: () => ({ expr: 'Flatten()' }),
  Reshape: (e) => ({ expr: `Reshape(${py(e.node.config.targetShape)})` }),
  Add: () => ({ expr: 'Add()' }),
  Concatenate: (e) => ({
    expr: `Concatenate(dim=${concatDim(cfgNum(e.node, 'axis'), e.inputShapes[0]!.length)})`,
  }),
  Dropout: (e) => ({ expr: `nn.Dropout(${py(e.node.config.rate)})` }),
};

/** The PyTorch module of a plan node; throws for a class no exporter knows (a programmer error). */
export function torchLayer(e: ExportNode): TorchLayer {
  const make = TORCH[e.node.className];
  if (!make) throw new Error(`no PyTorch export for class ${e.node.className}`);
  return make(e);
}
