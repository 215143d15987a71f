import { windowOutput, type Shape } from '../tensor/shape';
import { fail, num, requireRank, str, type InferResult, type Params } from './spec';

/**
 * The spatial output of a square sliding window (Conv2D, DepthwiseConv2D) on a
 * `[batch, h, w, c]` input with `channels` output channels. Reads the parameters
 * `kernelSize`, `strides`, `padding` and `dilation` (1 when the layer has none).
 */
export function convWindow(input: Shape, p: Params, channels: number, what: string): InferResult {
  const rankProblem = requireRank(input, 4, what);
  if (rankProblem) return rankProblem;
  const [, h, w] = input;
  const k = num(p, 'kernelSize');
  const s = num(p, 'strides');
  const d = p.dilation === undefined ? 1 : num(p, 'dilation');
  if (s > 1 && d > 1) {
    // tfjs (like TensorFlow) refuses this combination when the layer runs.
    return fail('param/stride-and-dilation', { strides: s, dilation: d }, { param: 'dilation' });
  }
  const pad = str(p, 'padding') as 'valid' | 'same';
  const oh = windowOutput(h!, k, s, pad, d);
  const ow = windowOutput(w!, k, s, pad, d);
  if (oh < 1 || ow < 1) {
    return fail(
      'shape/too-small',
      { kernel: `${k}x${k}`, input: `${h}x${w}`, output: `${oh}x${ow}` },
      { param: 'kernelSize' },
    );
  }
  return { ok: true, shape: [null, oh, ow, channels] };
}

/** The channel count of a `[batch, h, w, c]` shape. */
export const channelsOf = (s: Shape): number => s[3] ?? 0;
