import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanNode } from '../../src/compiler/plan';
import { specOf, withDefaults } from '../../src/layers/registry';
import type { ParamCount } from '../../src/layers/spec';
import { setupBackend } from '../../src/runtime/backend';
import { createLayer } from '../../src/runtime/build-model';
import type { Shape } from '../../src/tensor/shape';
import { invalidGrid, validGrid, type Case } from './grid';

type TfShape = (number | null)[];
type Outcome = { ok: true; shape: Shape; count: ParamCount } | { ok: false; codes: string[] };

const label = (c: Case): string => `${c.kind} ${JSON.stringify(c.params)} on ${JSON.stringify(c.inputs)}`;
const size = (shape: readonly (number | null)[]): number => shape.reduce<number>((n, d) => n * (d ?? 1), 1);

/** Our own inference and parameter count for a case. */
function ours(c: Case): Outcome {
  const spec = specOf(c.kind)!;
  const p = withDefaults(spec, c.params);
  const r = spec.infer(c.inputs, p, { dataset: null });
  if (!r.ok) return { ok: false, codes: r.problems.map((x) => x.code) };
  return { ok: true, shape: r.shape, count: spec.countParams(c.inputs, p) };
}

/** The tfjs layer the runtime would build for a case (through the same plan config and factories). */
function tfjsLayer(c: Case) {
  const spec = specOf(c.kind)!;
  const keras = spec.toKeras(withDefaults(spec, c.params), c.inputs)!;
  const node: PlanNode = {
    id: 'n',
    name: 'n',
    kind: c.kind,
    className: keras.className,
    config: keras.config,
    inputs: c.inputs.map((_, i) => `in${i}`),
    outputShape: [],
  };
  return createLayer(node, 7);
}

/**
 * tfjs's computeOutputShape for a batch of 2 (with an unknown batch, tfjs's Reshape
 * neither resolves -1 nor checks sizes), reported with the batch unknown again.
 */
function tfjsOutputShape(layer: ReturnType<typeof tfjsLayer>, c: Case): TfShape {
  const shapes = c.inputs.map((s) => [2, ...s.slice(1)]);
  const shape = layer.computeOutputShape(shapes.length === 1 ? shapes[0]! : shapes) as TfShape;
  return [null, ...shape.slice(1)];
}

/** tfjs's output shape, then its weights once built on symbolic inputs; throws where tfjs refuses. */
function theirs(c: Case): { shape: TfShape; count: ParamCount } {
  const layer = tfjsLayer(c);
  const shape = tfjsOutputShape(layer, c);
  const symbolic = c.inputs.map((s) => tfl.input({ shape: s.slice(1) as number[] }));
  const out = layer.apply(symbolic.length === 1 ? symbolic[0]! : symbolic) as { shape: TfShape };
  expect(out.shape, `symbolic output of ${label(c)}`).toEqual(shape);
  const count = {
    trainable: layer.trainableWeights.reduce((n, w) => n + size(w.shape), 0),
    nonTrainable: layer.nonTrainableWeights.reduce((n, w) => n + size(w.shape), 0),
  };
  expect(count.trainable + count.nonTrainable).toBe(layer.countParams());
  layer.dispose();
  return { shape, count };
}

/** True when tfjs refuses a configuration, or computes a window output that does not fit. */
function tfjsRefuses(c: Case): boolean {
  try {
    const layer = tfjsLayer(c);
    const shape = tfjsOutputShape(layer, c);
    const symbolic = c.inputs.map((s) => tfl.input({ shape: s.slice(1) as number[] }));
    layer.apply(symbolic.length === 1 ? symbolic[0]! : symbolic);
    layer.dispose();
    return shape.some((d) => d !== null && d < 1);
  } catch {
    return true;
  }
}

describe('shape and parameter parity with tfjs-layers', () => {
  const grid = validGrid();

  beforeAll(async () => {
    await setupBackend('cpu');
  });

  it('covers at least 500 configurations across every layer kind with a tfjs class', () => {
    expect(grid.length).toBeGreaterThanOrEqual(500);
    const kinds = new Set(grid.map((c) => c.kind));
    for (const k of [
      'conv2d',
      'depthwise-conv2d',
      'dense',
      'batch-norm',
      'layer-norm',
      'activation',
      'max-pool2d',
      'avg-pool2d',
      'global-avg-pool2d',
      'global-max-pool2d',
      'flatten',
      'reshape',
      'add',
      'concatenate',
      'dropout',
    ]) {
      expect(kinds.has(k), k).toBe(true);
    }
  });

  it('agrees on output shape and trainable / non-trainable counts for every valid configuration', () => {
    const before = tf.memory().numTensors;
    let compared = 0;
    let refusedByBoth = 0;
    for (const c of grid) {
      const mine = ours(c);
      if (!mine.ok) {
        // Our too-small verdicts (e.g. a dilated 5x5 kernel on 7x7) must be tfjs's too.
        expect(mine.codes, label(c)).toEqual(['shape/too-small']);
        expect(tfjsRefuses(c), label(c)).toBe(true);
        refusedByBoth++;
        continue;
      }
      const t = theirs(c);
      expect([...mine.shape], label(c)).toEqual(t.shape);
      expect(mine.count, label(c)).toEqual(t.count);
      compared++;
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(compared).toBeGreaterThanOrEqual(450);
    console.info(
      `parity: ${compared} configurations agree, ${refusedByBoth} refused by both (grid ${grid.length})`,
    );
  });

  it.each(invalidGrid().map((c) => [label(c), c] as const))('refuses like tfjs: %s', (_name, c) => {
    expect(ours(c).ok).toBe(false);
    expect(tfjsRefuses(c)).toBe(true);
  });
});
