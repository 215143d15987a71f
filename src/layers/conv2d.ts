import { fusedActivationParam } from './activation';
import { channelsOf, convWindow } from './conv-window';
import { initializerParam } from './initializers';
import { bool, num, str, type LayerSpec } from './spec';

/** 2D convolution over `[batch, height, width, channels]`, square kernel. */
export const conv2dSpec: LayerSpec = {
  kind: 'conv2d',
  category: 'convolution',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    filters: { type: 'int', default: 16, min: 1, max: 4096 },
    kernelSize: { type: 'int', default: 3, min: 1, max: 64, unit: 'px' },
    strides: { type: 'int', default: 1, min: 1, max: 64, unit: 'px' },
    padding: { type: 'enum', default: 'valid', options: ['valid', 'same'] },
    dilation: { type: 'int', default: 1, min: 1, max: 64 },
    useBias: { type: 'bool', default: true },
    activation: fusedActivationParam,
    initializer: initializerParam,
  },
  infer: ([input], p) => convWindow(input!, p, num(p, 'filters'), 'Conv2D'),
  countParams([input], p) {
    const k = num(p, 'kernelSize');
    const f = num(p, 'filters');
    const weights = k * k * channelsOf(input!) * f;
    return { trainable: weights + (bool(p, 'useBias') ? f : 0), nonTrainable: 0 };
  },
  macs([input], out, p) {
    const k = num(p, 'kernelSize');
    return (out[1] ?? 0) * (out[2] ?? 0) * (out[3] ?? 0) * k * k * channelsOf(input!);
  },
  toKeras: (p) => ({
    className: 'Conv2D',
    config: {
      filters: num(p, 'filters'),
      kernelSize: [num(p, 'kernelSize'), num(p, 'kernelSize')],
      strides: [num(p, 'strides'), num(p, 'strides')],
      padding: str(p, 'padding'),
      dilationRate: [num(p, 'dilation'), num(p, 'dilation')],
      useBias: bool(p, 'useBias'),
      activation: str(p, 'activation'),
      kernelInitializer: str(p, 'initializer'),
      biasInitializer: 'zeros',
      dataFormat: 'channelsLast',
    },
  }),
};
