import { featureSize, formatShape } from '../tensor/shape';
import { fail, NO_PARAMS, type LayerSpec } from './spec';

/**
 * Flattens everything after the batch dimension into one feature axis. tfjs's Flatten
 * refuses an input that is already flat (`[batch, n]`), so that is an error here too.
 */
export const flattenSpec: LayerSpec = {
  kind: 'flatten',
  category: 'reshape',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {},
  infer([input]) {
    if (input!.length < 3) {
      return fail('shape/rank-mismatch', {
        expected: '3 or more',
        actual: input!.length,
        shape: formatShape(input!),
        what: 'Flatten',
      });
    }
    return { ok: true, shape: [null, featureSize(input!)] };
  },
  countParams: () => NO_PARAMS,
  macs: () => 0,
  toKeras: () => ({ className: 'Flatten', config: {} }),
};
