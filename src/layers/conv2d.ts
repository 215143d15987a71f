import { windowOutput, type Shape } from '../tensor/shape';
import { activationOptions } from './activation';
import { bool, fail, num, requireRank, str, type LayerSpec } from './spec';

const channelsOf = (s: Shape): number => s[3] ?? 0;

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
    activation: { type: 'enum', default: 'linear', options: ['linear', ...activationOptions] },
  },
  infer([input], p) {
    const rankProblem = requireRank(input!, 4, 'Conv2D');
    if (rankProblem) return rankProblem;
    const [, h, w] = input!;
    const k = num(p, 'kernelSize');
    const s = num(p, 'strides');
    const d = num(p, 'dilation');
    const pad = str(p, 'padding') as 'valid' | 'same';
    const oh = windowOutput(h!, k, s, pad, d);
    const ow = windowOutput(w!, k, s, pad, d);
    if (oh < 1 || ow < 1) {
      return fail(
        'shape/too-small',
        { kernel: `${k}x${k}`, input: `${h}x${w}`, output: `${oh}x${ow}` },
        { param: 'kernelSize' },
      );
    }
    return { ok: true, shape: [null, oh, ow, num(p, 'filters')] };
  },
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
      kernelInitializer: 'glorotUniform',
      biasInitializer: 'zeros',
      dataFormat: 'channelsLast',
    },
  }),
};
