import { fusedActivationParam } from './activation';
import { initializerParam } from './initializers';
import { bool, num, requireRank, str, type LayerSpec } from './spec';

/** Fully connected layer on `[batch, features]`. */
export const denseSpec: LayerSpec = {
  kind: 'dense',
  category: 'dense',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    units: { type: 'int', default: 64, min: 1, max: 1_000_000 },
    useBias: { type: 'bool', default: true },
    activation: fusedActivationParam,
    initializer: initializerParam,
  },
  infer([input], p) {
    const rankProblem = requireRank(input!, 2, 'Dense');
    if (rankProblem) return rankProblem;
    return { ok: true, shape: [null, num(p, 'units')] };
  },
  countParams([input], p) {
    const units = num(p, 'units');
    const inFeatures = input![1] ?? 0;
    return { trainable: inFeatures * units + (bool(p, 'useBias') ? units : 0), nonTrainable: 0 };
  },
  macs: ([input], _out, p) => (input![1] ?? 0) * num(p, 'units'),
  toKeras: (p) => ({
    className: 'Dense',
    config: {
      units: num(p, 'units'),
      useBias: bool(p, 'useBias'),
      activation: str(p, 'activation'),
      kernelInitializer: str(p, 'initializer'),
      biasInitializer: 'zeros',
    },
  }),
};
