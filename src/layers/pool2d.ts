import { windowOutput } from '../tensor/shape';
import { fail, num, requireRank, str, NO_PARAMS, type LayerSpec } from './spec';

/** Builds the spec of a 2D pooling layer; max and average differ only in name and class. */
export function pool2dSpec(kind: string, className: string, what: string): LayerSpec {
  return {
    kind,
    category: 'pooling',
    inputs: { min: 1, max: 1 },
    hasOutput: true,
    params: {
      poolSize: { type: 'int', default: 2, min: 1, max: 64, unit: 'px' },
      strides: { type: 'int', default: 2, min: 1, max: 64, unit: 'px' },
      padding: { type: 'enum', default: 'valid', options: ['valid', 'same'] },
    },
    infer([input], p) {
      const rankProblem = requireRank(input!, 4, what);
      if (rankProblem) return rankProblem;
      const [, h, w, c] = input!;
      const k = num(p, 'poolSize');
      const pad = str(p, 'padding') as 'valid' | 'same';
      const oh = windowOutput(h!, k, num(p, 'strides'), pad);
      const ow = windowOutput(w!, k, num(p, 'strides'), pad);
      if (oh < 1 || ow < 1) {
        return fail(
          'shape/too-small',
          { kernel: `${k}x${k}`, input: `${h}x${w}`, output: `${oh}x${ow}` },
          { param: 'poolSize' },
        );
      }
      return { ok: true, shape: [null, oh, ow, c!] };
    },
    countParams: () => NO_PARAMS,
    macs: (_in, out, p) =>
      (out[1] ?? 0) * (out[2] ?? 0) * (out[3] ?? 0) * num(p, 'poolSize') ** 2,
    toKeras: (p) => ({
      className,
      config: {
        poolSize: [num(p, 'poolSize'), num(p, 'poolSize')],
        strides: [num(p, 'strides'), num(p, 'strides')],
        padding: str(p, 'padding'),
        dataFormat: 'channelsLast',
      },
    }),
  };
}
