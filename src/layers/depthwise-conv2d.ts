import { fusedActivationParam } from './activation';
import { channelsOf, convWindow } from './conv-window';
import { initializerParam } from './initializers';
import { bool, num, str, type LayerSpec } from './spec';

/**
 * Depthwise 2D convolution: each input channel is convolved with its own
 * `depthMultiplier` kernels, so channels never mix (output channels = C × multiplier).
 * No dilation: tfjs-layers 4.22 ignores DepthwiseConv2D's dilation rate, and tfjs has no
 * gradient for a dilated depthwise convolution.
 */
export const depthwiseConv2dSpec: LayerSpec = {
  kind: 'depthwise-conv2d',
  category: 'convolution',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    kernelSize: { type: 'int', default: 3, min: 1, max: 64, unit: 'px' },
    strides: { type: 'int', default: 1, min: 1, max: 64, unit: 'px' },
    padding: { type: 'enum', default: 'same', options: ['valid', 'same'] },
    depthMultiplier: { type: 'int', default: 1, min: 1, max: 64 },
    useBias: { type: 'bool', default: true },
    activation: fusedActivationParam,
    initializer: initializerParam,
  },
  infer: ([input], p) =>
    convWindow(input!, p, channelsOf(input!) * num(p, 'depthMultiplier'), 'DepthwiseConv2D'),
  countParams([input], p) {
    const k = num(p, 'kernelSize');
    const out = channelsOf(input!) * num(p, 'depthMultiplier');
    return { trainable: k * k * out + (bool(p, 'useBias') ? out : 0), nonTrainable: 0 };
  },
  macs: (_inputs, out, p) => (out[1] ?? 0) * (out[2] ?? 0) * (out[3] ?? 0) * num(p, 'kernelSize') ** 2,
  toKeras: (p) => ({
    className: 'DepthwiseConv2D',
    config: {
      kernelSize: [num(p, 'kernelSize'), num(p, 'kernelSize')],
      strides: [num(p, 'strides'), num(p, 'strides')],
      padding: str(p, 'padding'),
      depthMultiplier: num(p, 'depthMultiplier'),
      useBias: bool(p, 'useBias'),
      activation: str(p, 'activation'),
      depthwiseInitializer: str(p, 'initializer'),
      biasInitializer: 'zeros',
      dataFormat: 'channelsLast',
    },
  }),
};
