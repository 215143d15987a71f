import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateToy, loadToy, loadToyForTraining } from '../../../src/data/toy-builtin';
import { BUILTIN_DATASETS, datasetInfo, datasetTask, generatorOptionsOf } from '../../../src/graph/datasets';
import { datasetRefSchema, type DatasetRef } from '../../../src/graph/document';
import { parseProject } from '../../../src/project/parse';
import { serializeProject } from '../../../src/project/serialize';

const spiral = (options?: { size: number; noise: number; classes: number; seed: number }): DatasetRef => ({
  kind: 'builtin',
  id: 'toy-spiral',
  ...(options ? { options } : {}),
});

describe('built-in toy datasets', () => {
  it('every toy id generates its declared shape, and its defaults when the reference has no options', () => {
    for (const [id, spec] of Object.entries(BUILTIN_DATASETS)) {
      if (!spec.generator) continue;
      const r = generateToy({ kind: 'builtin', id });
      expect(r.ok, id).toBe(true);
      if (!r.ok) continue;
      expect(r.value.inputShape, id).toEqual(spec.inputShape);
      expect(r.value.count, id).toBe(spec.generator.defaults.size);
      expect(r.value.classes, id).toBe(spec.classes);
      expect(datasetTask({ kind: 'builtin', id })).toBe(spec.task);
    }
  });

  it('binds the class count the options choose, but not for kinds with a fixed count', () => {
    expect(datasetInfo(spiral({ size: 100, noise: 0, classes: 5, seed: 1 }))).toEqual({
      inputShape: [2],
      classes: 5,
    });
    const xor: DatasetRef = {
      kind: 'builtin',
      id: 'toy-xor',
      options: { size: 100, noise: 0, classes: 5, seed: 1 },
    };
    expect(datasetInfo(xor)!.classes).toBe(2);
    expect(generatorOptionsOf(xor)!.classes).toBe(2);
    expect(generatorOptionsOf({ kind: 'builtin', id: 'fashion-mnist' })).toBeNull();
  });

  it('splits 80/20, stratified, the same way for the same seed', () => {
    const ref = spiral({ size: 300, noise: 0.1, classes: 3, seed: 9 });
    const a = loadToy(ref);
    const b = loadToy(ref);
    if (!a.ok || !b.ok) throw new Error('toy generation failed');
    expect(a.value.train.count).toBe(240);
    expect(a.value.test.count).toBe(60);
    expect(Array.from(a.value.test.features)).toEqual(Array.from(b.value.test.features));
    const t = loadToyForTraining(ref).test;
    const perClass = [0, 0, 0];
    t.labels.forEach((l) => perClass[l]!++);
    expect(perClass).toEqual([20, 20, 20]);
    const other = loadToy(spiral({ size: 300, noise: 0.1, classes: 3, seed: 10 }));
    if (!other.ok) throw new Error('toy generation failed');
    expect(Array.from(other.value.test.features)).not.toEqual(Array.from(a.value.test.features));
  });

  it('names the set when training is asked of a regression set', () => {
    expect(() => loadToyForTraining({ kind: 'builtin', id: 'toy-saddle' })).toThrow(/toy-saddle.*regression/);
  });
});

describe('dataset reference schema stays backward compatible', () => {
  it('old references (no options, imported without task) still validate unchanged', () => {
    const old = { kind: 'imported', id: 'toy-spiral', name: 'Spiral (toy)', inputShape: [2], classes: 3 };
    expect(datasetRefSchema.parse(old)).toEqual(old);
    expect(datasetRefSchema.parse({ kind: 'builtin', id: 'fashion-mnist' })).toEqual({
      kind: 'builtin',
      id: 'fashion-mnist',
    });
  });

  it('accepts regression sets (0 classes) but refuses bad generator options with a path', () => {
    const reg = { kind: 'imported', id: 'r', name: 'r', inputShape: [3], classes: 0, task: 'regression' };
    expect(datasetRefSchema.safeParse(reg).success).toBe(true);
    const bad = datasetRefSchema.safeParse({
      kind: 'builtin',
      id: 'toy-spiral',
      options: { size: 100, noise: -1, classes: 3, seed: 1 },
    });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0]!.path).toEqual(['options', 'noise']);
  });

  it('the frozen schema-1 project file still loads with its built-in dataset', () => {
    const text = readFileSync(
      new URL('../../fixtures/project-v1/lenet-bn.layerloom', import.meta.url),
      'utf8',
    );
    const r = parseProject(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.doc.dataset).toEqual({ kind: 'builtin', id: 'fashion-mnist' });
  });

  it('a project with a toy dataset and its options round-trips through save and load', () => {
    const text = readFileSync(new URL('../../../assets/templates/mlp-toy2d.json', import.meta.url), 'utf8');
    const r = parseProject(text);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.doc.dataset).toEqual(spiral({ size: 1500, noise: 0.03, classes: 3, seed: 1 }));
    const again = parseProject(serializeProject(r.value.doc, '0.1.0'));
    expect(again.ok && again.value.doc.dataset).toEqual(r.value.doc.dataset);
  });
});
