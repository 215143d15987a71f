import { fail, num, str, NO_PARAMS, type LayerSpec } from './spec';

/**
 * The network's input. "From dataset" takes the example shape of the bound
 * dataset; "fixed" uses the declared shape and is checked against the dataset.
 */
export const inputSpec: LayerSpec = {
  kind: 'input',
  category: 'input',
  inputs: { min: 0, max: 0 },
  hasOutput: true,
  params: {
    source: { type: 'enum', default: 'dataset', options: ['dataset', 'fixed'] },
    layout: { type: 'enum', default: 'image', options: ['image', 'vector'] },
    height: { type: 'int', default: 28, min: 1, max: 4096, unit: 'px' },
    width: { type: 'int', default: 28, min: 1, max: 4096, unit: 'px' },
    channels: { type: 'int', default: 1, min: 1, max: 4096 },
    size: { type: 'int', default: 2, min: 1, max: 1_000_000 },
  },
  infer(_inputs, p, ctx) {
    const fixed =
      str(p, 'layout') === 'vector'
        ? [num(p, 'size')]
        : [num(p, 'height'), num(p, 'width'), num(p, 'channels')];
    if (str(p, 'source') === 'dataset') {
      if (ctx.dataset) return { ok: true, shape: [null, ...ctx.dataset.inputShape] };
      return { ok: true, shape: [null, ...fixed] };
    }
    const ds = ctx.dataset?.inputShape;
    if (ds && (ds.length !== fixed.length || ds.some((d, i) => d !== fixed[i]))) {
      return fail('shape/dataset-mismatch', {
        declared: `[${fixed.join(', ')}]`,
        dataset: `[${ds.join(', ')}]`,
      });
    }
    return { ok: true, shape: [null, ...fixed] };
  },
  countParams: () => NO_PARAMS,
  macs: () => 0,
  toKeras: () => null,
};
