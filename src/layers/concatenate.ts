import { formatShape, type Shape } from '../tensor/shape';
import { MAX_MERGE_INPUTS } from './add';
import { fail, num, NO_PARAMS, type InferResult, type LayerSpec } from './spec';

/** The axis as a positive index into a rank-`rank` shape, or null if it is the batch or out of range. */
function resolveAxis(axis: number, rank: number): number | null {
  const a = axis < 0 ? rank + axis : axis;
  return a >= 1 && a < rank ? a : null;
}

/** Joins the inputs along `axis`; every other dimension must agree. */
function concatShape(inputs: readonly Shape[], axisParam: number): InferResult {
  const first = inputs[0]!;
  const axis = resolveAxis(axisParam, first.length);
  if (axis === null) {
    return fail('shape/concat-axis', { axis: axisParam, shape: formatShape(first) }, { param: 'axis' });
  }
  const port = inputs.findIndex(
    (s) => s.length !== first.length || s.some((d, i) => i !== axis && d !== first[i]),
  );
  if (port >= 0) {
    return fail(
      'shape/concat-mismatch',
      { shapes: inputs.map(formatShape).join(', '), axis: axisParam, port },
      { port },
    );
  }
  const joined = inputs.reduce((n, s) => n + (s[axis] ?? 0), 0);
  return { ok: true, shape: first.map((d, i) => (i === axis ? joined : d)) };
}

/** Joins 2 to 8 inputs along one axis (channels by default), in port order. */
export const concatenateSpec: LayerSpec = {
  kind: 'concatenate',
  category: 'merge',
  inputs: { min: 2, max: MAX_MERGE_INPUTS },
  hasOutput: true,
  params: {
    axis: { type: 'int', default: -1, min: -3, max: 3 },
  },
  infer: (inputs, p) => concatShape(inputs, num(p, 'axis')),
  countParams: () => NO_PARAMS,
  macs: () => 0,
  toKeras: (p) => ({ className: 'Concatenate', config: { axis: num(p, 'axis') } }),
};
