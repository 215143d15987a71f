import { describe, expect, it } from 'vitest';
import en from '../../../assets/locales/en.json';
import zh from '../../../assets/locales/zh-CN.json';
import { toySource } from '../../../src/cli/node-data';
import { compilePlan, type ModelPlan } from '../../../src/compiler/plan';
import type { DatasetRef } from '../../../src/graph/document';
import { TrainFailure } from '../../../src/runtime/failure';
import { classesOf } from '../../../src/runtime/metrics';
import type { FromTrainer } from '../../../src/training/protocol';
import { formatMessage } from '../../../src/util/format';
import { chain } from '../core/doc-helpers';
import { harness, ofType, startMsg } from '../../helpers/trainer-harness';

const SINE: DatasetRef = {
  kind: 'builtin',
  id: 'toy-sine',
  options: { size: 100, noise: 0.05, classes: 2, seed: 3 },
};
const BLOBS: DatasetRef = { kind: 'builtin', id: 'toy-blobs' };
const catalogs = {
  en: (en as unknown as { trainFailure: Record<string, string> }).trainFailure,
  zh: (zh as unknown as { trainFailure: Record<string, string> }).trainFailure,
};

/** Input → Dense(1) → Regression output, compiled on the sine set. */
function regressionPlan(): ModelPlan {
  const doc = { ...chain([['input'], ['dense', { units: 1 }], ['regression-output']]), dataset: SINE };
  const r = compilePlan(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}
const classifier = (classes: number): ModelPlan => ({
  ...regressionPlan(),
  head: { kind: 'classification', classes },
});

/** The one 'failed' diagnostic of a run started with `start`. */
async function failureOf(start: Parameters<typeof startMsg>[1] & { plan: ModelPlan; data?: unknown }) {
  const { trainer, messages } = harness(toySource());
  const { plan, data, ...rest } = start;
  const msg = startMsg(plan, rest);
  await trainer.handle((data ? { ...msg, data } : msg) as typeof msg);
  const failed = ofType(messages as FromTrainer[], 'failed');
  expect(failed).toHaveLength(1);
  return failed[0]!.diagnostic;
}

/** The diagnostic has a catalog key known in both languages, and its message is the English entry. */
function expectCatalogued(d: {
  code: string;
  message: string;
  key?: string;
  values?: Record<string, string | number>;
}) {
  expect(d.code).toMatch(/^train\//);
  expect(d.key, d.message).toBeDefined();
  expect(catalogs.en[d.key!]).toBeDefined();
  expect(catalogs.zh[d.key!]).toBeDefined();
  expect(catalogs.zh[d.key!]).not.toBe(catalogs.en[d.key!]);
  expect(d.message).toBe(formatMessage(catalogs.en[d.key!]!, d.values));
  // Every placeholder of both entries gets a value.
  for (const text of [catalogs.en[d.key!]!, catalogs.zh[d.key!]!])
    for (const [, name] of text.matchAll(/\{(\w+)\}/g)) expect(d.values, name).toHaveProperty(name!);
}

describe('regression dataset-fit failures carry trainFailure catalog keys', () => {
  const part = { task: 'regression' as const, count: 4, inputShape: [1] };
  it.each([
    [
      'a classification head on a regression set',
      { plan: classifier(2), dataset: SINE },
      'fit-classification-on-regression',
      { dataset: 'toy-sine' },
    ],
    [
      'a regression head on a set with classes',
      { plan: regressionPlan(), dataset: BLOBS },
      'fit-regression-on-classes',
      { dataset: 'toy-blobs', classes: 3 },
    ],
    [
      'a regression head predicting two values',
      {
        plan: { ...regressionPlan(), head: { kind: 'regression' as const, loss: 'mse' as const, units: 2 } },
        dataset: SINE,
      },
      'fit-regression-shape',
      { shape: '1', expects: '1', units: 2 },
    ],
    [
      'a classifier of the wrong input shape',
      { plan: classifier(3), dataset: BLOBS },
      'fit-classification-shape',
      { shape: '2', expects: '1', classes: 3, headClasses: 3 },
    ],
    [
      'too few training targets',
      {
        plan: regressionPlan(),
        dataset: SINE,
        data: {
          train: { ...part, features: new Float32Array(4), targets: new Float32Array(3) },
          test: { ...part, features: new Float32Array(4), targets: new Float32Array(4) },
        },
      },
      'data-targets-training',
      { targets: 3, count: 4 },
    ],
    [
      'too few test values',
      {
        plan: regressionPlan(),
        dataset: SINE,
        data: {
          train: { ...part, features: new Float32Array(4), targets: new Float32Array(4) },
          test: { ...part, features: new Float32Array(2), targets: new Float32Array(4) },
        },
      },
      'data-values-test',
      { values: 2, expected: 4, count: 4 },
    ],
  ] as const)(
    '%s',
    async (_what, start, key, values) => {
      const d = await failureOf(start as never);
      expect(d.code).toBe('train/data');
      expect(d.key).toBe(key);
      expect(d.values).toEqual(values);
      expectCatalogued(d);
    },
    60_000,
  );

  it('the classification-only views refuse a regression plan with a key', () => {
    let caught: unknown;
    try {
      classesOf(regressionPlan());
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TrainFailure);
    const f = caught as TrainFailure;
    expect(f.code).toBe('train/plan');
    expect(f.text?.key).toBe('view-needs-classification');
    expectCatalogued({ code: f.code, message: f.message, key: f.text!.key, values: { ...f.text!.values } });
  });
});
