import fc from 'fast-check';
import {
  OPTIMIZERS,
  type DatasetRef,
  type Doc,
  type EdgeRecord,
  type LayerRecord,
  type RunRecord,
  type TrainingConfig,
} from '../../../src/graph/document';
import { LAYER_SPECS } from '../../../src/layers/registry';
import type { ParamSpec, ParamValue } from '../../../src/layers/spec';

// JSON cannot tell -0 from 0, so documents never hold -0 (the editor never makes one either).
const noNegZero = (v: number): number => (Object.is(v, -0) ? 0 : v);
const finite = (min = -1e12, max = 1e12) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map(noNegZero);
/** Any string, lone surrogates included: JSON escapes them and reads them back. */
const anyText = fc.string({ unit: 'binary', maxLength: 24 });

function paramValue(spec: ParamSpec): fc.Arbitrary<ParamValue> {
  switch (spec.type) {
    case 'int':
      return fc.integer({ min: Math.max(spec.min, -1e9), max: Math.min(spec.max, 1e9) });
    case 'float':
      return finite(spec.min, spec.max);
    case 'enum':
      return fc.constantFrom(...spec.options);
    case 'bool':
      return fc.boolean();
    case 'text':
      return fc.constant(spec.default);
  }
}

const layer = (id: string): fc.Arbitrary<LayerRecord> =>
  fc.constantFrom(...LAYER_SPECS).chain((spec) =>
    fc.record({
      id: fc.constant(id),
      kind: fc.constant(spec.kind),
      name: anyText,
      params: fc.record(Object.fromEntries(Object.entries(spec.params).map(([k, p]) => [k, paramValue(p)]))),
      position: fc.record({ x: finite(), y: finite() }),
      block: fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: null }),
    }),
  );

const schedule = fc.oneof(
  fc.record({ kind: fc.constant('constant' as const), warmupSteps: fc.integer({ min: 0, max: 1_000_000 }) }),
  fc.record({
    kind: fc.constant('step' as const),
    everyEpochs: fc.integer({ min: 1, max: 10_000 }),
    gamma: fc.double({ min: 1e-6, max: 1, noNaN: true }),
    warmupSteps: fc.integer({ min: 0, max: 1_000_000 }),
  }),
  fc.record({ kind: fc.constant('cosine' as const), warmupSteps: fc.integer({ min: 0, max: 1_000_000 }) }),
);

/** A training configuration within the schema's bounds (every defaulted field spelled out). */
export const trainingConfig: fc.Arbitrary<TrainingConfig> = fc.record({
  epochs: fc.integer({ min: 1, max: 10_000 }),
  batchSize: fc.integer({ min: 1, max: 65_536 }),
  learningRate: fc.double({ min: 1e-9, max: 1000, noNaN: true }),
  optimizer: fc.constantFrom(...OPTIMIZERS),
  momentum: finite(0, 0.9999),
  nesterov: fc.boolean(),
  beta1: finite(0, 0.9999),
  beta2: finite(0, 0.999999),
  rho: finite(0, 0.999999),
  epsilon: fc.double({ min: 1e-12, max: 1, noNaN: true }),
  weightDecay: finite(0, 1),
  schedule,
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  trainLimit: fc.option(fc.integer({ min: 1, max: 1e9 }), { nil: null }),
  validation: fc.oneof(
    fc.record({ kind: fc.constant('test-set' as const) }),
    fc.record({ kind: fc.constant('split' as const), fraction: fc.double({ min: 1e-6, max: 0.9, noNaN: true }) }),
  ),
});

const dataset: fc.Arbitrary<DatasetRef> = fc.oneof(
  fc.record({ kind: fc.constant('builtin' as const), id: fc.constantFrom('fashion-mnist', 'mnist', 'spiral') }),
  fc.record({
    kind: fc.constant('imported' as const),
    id: fc.string({ minLength: 1, maxLength: 12 }),
    name: anyText,
    inputShape: fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 4 }),
    classes: fc.integer({ min: 1, max: 1000 }),
  }),
);

const curve = <T>(n: number, values: fc.Arbitrary<T>) => fc.array(values, { minLength: n, maxLength: n });
const metric = fc.option(finite(0, 100), { nil: null });

const run: fc.Arbitrary<RunRecord> = fc.integer({ min: 0, max: 30 }).chain((n) =>
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 10 }),
    startedAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    durationMs: finite(0, 1e9),
    config: trainingConfig,
    dataset,
    backend: fc.constantFrom('wasm', 'cpu', 'webgl'),
    reason: fc.constantFrom('finished', 'stopped', 'failed'),
    final: fc.record({ loss: metric, accuracy: metric, testAccuracy: metric }),
    curves: fc.record({
      epoch: curve(n, fc.integer({ min: 0, max: 10_000 })),
      loss: curve(n, metric),
      accuracy: curve(n, metric),
      testAccuracy: curve(n, metric),
    }),
  }),
);

/** A valid document: layers of registered kinds with in-bounds parameters, wires between them, runs. */
export const validDoc: fc.Arbitrary<Doc> = fc.integer({ min: 0, max: 12 }).chain((count) => {
  const ids = Array.from({ length: count }, (_, i) => `n${i}`);
  const edges: fc.Arbitrary<EdgeRecord[]> =
    count < 2
      ? fc.constant([])
      : fc
          .array(fc.tuple(fc.nat(count - 1), fc.nat(count - 1), fc.nat(3)), { maxLength: count * 2 })
          .map((ws) => ws.map(([s, t, port], i) => ({ id: `e${i}`, source: ids[s]!, target: ids[t]!, targetPort: port })));
  return fc.record({
    name: anyText,
    layers: count === 0 ? fc.constant([]) : fc.tuple(...ids.map(layer)),
    edges,
    training: trainingConfig,
    dataset,
    runs: fc.array(run, { maxLength: 3 }),
  });
});
