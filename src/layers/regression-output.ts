import { formatShape } from '../tensor/shape';
import { fail, NO_PARAMS, type LayerSpec } from './spec';

/**
 * The regression head: compares `[batch, n]` predictions with n target values per
 * example by mean squared or mean absolute error. No parameters, no activation.
 */
export const regressionOutputSpec: LayerSpec = {
  kind: 'regression-output',
  category: 'output',
  inputs: { min: 1, max: 1 },
  hasOutput: false,
  params: {
    loss: { type: 'enum', default: 'mse', options: ['mse', 'mae'] },
  },
  infer([input]) {
    if (input!.length !== 2) return fail('shape/output-not-vector', { shape: formatShape(input!) });
    return { ok: true, shape: input! };
  },
  countParams: () => NO_PARAMS,
  macs: () => 0,
  toKeras: () => null,
};
