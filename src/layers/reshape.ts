import { featureSize, formatShape, type Shape } from '../tensor/shape';
import { fail, str, NO_PARAMS, type InferResult, type LayerSpec } from './spec';

/** Comma-separated positive sizes; -1 lets one of them be computed. */
const TARGET_PATTERN = '^\\s*(-1|[1-9]\\d*)(\\s*,\\s*(-1|[1-9]\\d*))*\\s*$';

/** Parses a target shape such as "7, 7, 16" (already checked against the pattern). */
export function parseTargetShape(text: string): number[] {
  return text.split(',').map((d) => Number(d.trim()));
}

/** The output shape of a reshape, with a -1 dimension resolved, or the problem. */
function reshapeTo(input: Shape, text: string): InferResult {
  const dims = parseTargetShape(text);
  const elements = featureSize(input);
  const unknown = dims.filter((d) => d === -1).length;
  if (unknown > 1)
    return fail('param/invalid', { param: 'targetShape', value: text }, { param: 'targetShape' });
  const known = dims.reduce((a, d) => (d === -1 ? a : a * d), 1);
  const fits = unknown === 0 ? known === elements : elements % known === 0;
  if (!fits) {
    return fail(
      'shape/reshape-size',
      { shape: formatShape(input), elements, target: dims.join(', '), targetElements: known },
      { param: 'targetShape' },
    );
  }
  return { ok: true, shape: [null, ...dims.map((d) => (d === -1 ? elements / known : d))] };
}

/** Rearranges each example's values into a new shape with the same number of elements. */
export const reshapeSpec: LayerSpec = {
  kind: 'reshape',
  category: 'reshape',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    targetShape: { type: 'text', default: '-1', pattern: TARGET_PATTERN, maxLength: 64 },
  },
  infer: ([input], p) => reshapeTo(input!, str(p, 'targetShape')),
  countParams: () => NO_PARAMS,
  macs: () => 0,
  // The plan carries the resolved sizes: tfjs leaves a -1 unknown in the model's symbolic
  // shapes, and a Dense layer after it could then not be built.
  toKeras(p, [input]) {
    const r = reshapeTo(input!, str(p, 'targetShape'));
    const targetShape = r.ok ? r.shape.slice(1) : parseTargetShape(str(p, 'targetShape'));
    return { className: 'Reshape', config: { targetShape } };
  },
};
