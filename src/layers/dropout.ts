import { num, NO_PARAMS, type LayerSpec } from './spec';

/** Zeroes a random fraction of its inputs while training and rescales the rest. */
export const dropoutSpec: LayerSpec = {
  kind: 'dropout',
  category: 'regularization',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    rate: { type: 'float', default: 0.5, min: 0, max: 0.99 },
  },
  infer: ([input]) => ({ ok: true, shape: input! }),
  countParams: () => NO_PARAMS,
  macs: () => 0,
  toKeras: (p) => ({ className: 'Dropout', config: { rate: num(p, 'rate') } }),
};
