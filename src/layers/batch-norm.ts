import { featureSize, formatShape, type Shape } from '../tensor/shape';
import { bool, fail, num, type LayerSpec } from './spec';

const features = (s: Shape): number => s[s.length - 1] ?? 0;

/**
 * Batch normalization over the last axis: per feature after a dense layer, per
 * channel after a convolution. Momentum is in the Keras convention (running =
 * momentum * running + (1 - momentum) * batch); PyTorch's momentum is 1 - this.
 */
export const batchNormSpec: LayerSpec = {
  kind: 'batch-norm',
  category: 'normalization',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    momentum: { type: 'float', default: 0.9, min: 0, max: 1 },
    epsilon: { type: 'float', default: 1e-5, min: 1e-12, max: 1 },
    center: { type: 'bool', default: true },
    scale: { type: 'bool', default: true },
  },
  infer([input]) {
    if (input!.length !== 2 && input!.length !== 4) {
      return fail('shape/rank-mismatch', {
        expected: '2 or 4',
        actual: input!.length,
        shape: formatShape(input!),
        what: 'BatchNorm',
      });
    }
    return { ok: true, shape: input! };
  },
  countParams([input], p) {
    const c = features(input!);
    const trainable = (bool(p, 'center') ? c : 0) + (bool(p, 'scale') ? c : 0);
    return { trainable, nonTrainable: 2 * c };
  },
  macs: ([input]) => 2 * featureSize(input!),
  toKeras: (p) => ({
    className: 'BatchNormalization',
    config: {
      axis: -1,
      momentum: num(p, 'momentum'),
      epsilon: num(p, 'epsilon'),
      center: bool(p, 'center'),
      scale: bool(p, 'scale'),
    },
  }),
};
