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
  infer([input], _p, ctx) {
    if (input!.length !== 2) return fail('shape/output-not-vector', { shape: formatShape(input!) });
    // A set with class labels has no target values to regress on: the run would be refused.
    const ds = ctx.dataset;
    if (ds && ds.classes > 0) {
      return fail('shape/regression-on-classes', { dataset: ds.name ?? '?', classes: ds.classes });
    }
    // A regression set (no classes) has one target value per example.
    const units = input![1] ?? null;
    if (ctx.dataset?.classes === 0 && units !== null && units !== 1)
      return fail('shape/target-count-mismatch', { units });
    return { ok: true, shape: input! };
  },
  countParams: () => NO_PARAMS,
  macs: () => 0,
  toKeras: () => null,
};
