import { formatShape } from '../tensor/shape';
import { fail, NO_PARAMS, type LayerSpec } from './spec';

/**
 * The classification head: softmax + cross-entropy on `[batch, classes]` logits.
 * It has no parameters; the last Dense layer is an ordinary node before it.
 */
export const outputSpec: LayerSpec = {
  kind: 'output',
  category: 'output',
  inputs: { min: 1, max: 1 },
  hasOutput: false,
  params: {},
  infer([input], _p, ctx) {
    if (input!.length !== 2) {
      return fail('shape/output-not-classes', { shape: formatShape(input!) });
    }
    const classes = input![1]!;
    // A dataset without classes is a regression set: it wants the Regression output head.
    if (ctx.dataset?.classes === 0) return fail('shape/output-on-regression', {});
    if (ctx.dataset && ctx.dataset.classes !== classes) {
      return fail('shape/class-count-mismatch', { classes, dataset: ctx.dataset.classes });
    }
    return { ok: true, shape: input! };
  },
  countParams: () => NO_PARAMS,
  macs: () => 0,
  toKeras: () => null,
};
