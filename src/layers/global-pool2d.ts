import { requireRank, NO_PARAMS, type LayerSpec } from './spec';

/**
 * Builds the spec of a global 2D pooling layer: one value per channel over the whole
 * image, `[batch, h, w, c]` → `[batch, c]`. Average and max differ only in name and class.
 */
export function globalPool2dSpec(kind: string, className: string, what: string): LayerSpec {
  return {
    kind,
    category: 'pooling',
    inputs: { min: 1, max: 1 },
    hasOutput: true,
    params: {},
    infer([input]) {
      const rankProblem = requireRank(input!, 4, what);
      if (rankProblem) return rankProblem;
      return { ok: true, shape: [null, input![3]!] };
    },
    countParams: () => NO_PARAMS,
    macs: ([input]) => (input![1] ?? 0) * (input![2] ?? 0) * (input![3] ?? 0),
    toKeras: () => ({ className, config: { dataFormat: 'channelsLast' } }),
  };
}
