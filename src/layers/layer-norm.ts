import { featureSize, formatShape } from '../tensor/shape';
import { bool, fail, num, type LayerSpec } from './spec';

/**
 * Layer normalization over the last axis: each example is normalized with its own
 * mean and variance across the features (or the channels of each pixel), so it works
 * the same in training and prediction and does not depend on the batch.
 */
export const layerNormSpec: LayerSpec = {
  kind: 'layer-norm',
  category: 'normalization',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    epsilon: { type: 'float', default: 1e-5, min: 1e-12, max: 1 },
    center: { type: 'bool', default: true },
    scale: { type: 'bool', default: true },
  },
  infer([input]) {
    if (input!.length < 2) {
      return fail('shape/rank-mismatch', {
        expected: '2 or more',
        actual: input!.length,
        shape: formatShape(input!),
        what: 'LayerNorm',
      });
    }
    return { ok: true, shape: input! };
  },
  countParams([input], p) {
    const c = input![input!.length - 1] ?? 0;
    return { trainable: (bool(p, 'center') ? c : 0) + (bool(p, 'scale') ? c : 0), nonTrainable: 0 };
  },
  macs: ([input]) => 2 * featureSize(input!),
  toKeras: (p) => ({
    className: 'LayerNormalization',
    config: { axis: -1, epsilon: num(p, 'epsilon'), center: bool(p, 'center'), scale: bool(p, 'scale') },
  }),
};
