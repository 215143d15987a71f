import { featureSize, formatShape, shapesEqual } from '../tensor/shape';
import { fail, NO_PARAMS, type LayerSpec } from './spec';

/** Most inputs a merge layer (Add, Concatenate) takes; each has its own numbered port. */
export const MAX_MERGE_INPUTS = 8;

/** Elementwise sum of 2 to 8 inputs of exactly the same shape (e.g. a residual connection). */
export const addSpec: LayerSpec = {
  kind: 'add',
  category: 'merge',
  inputs: { min: 2, max: MAX_MERGE_INPUTS },
  hasOutput: true,
  params: {},
  infer(inputs) {
    const first = inputs[0]!;
    const port = inputs.findIndex((s) => !shapesEqual(s, first));
    if (port >= 0) {
      return fail('shape/add-mismatch', { shapes: inputs.map(formatShape).join(', '), port }, { port });
    }
    return { ok: true, shape: first };
  },
  countParams: () => NO_PARAMS,
  macs: (inputs, out) => (inputs.length - 1) * featureSize(out),
  toKeras: () => ({ className: 'Add', config: {} }),
};
