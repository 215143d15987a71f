import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analysis/analyze';
import { compilePlan } from '../../../src/compiler/plan';
import { parseProject } from '../../../src/project/parse';
import { serializeProject } from '../../../src/project/serialize';

const load = (id: string) => {
  const text = readFileSync(new URL(`../../../assets/templates/${id}.json`, import.meta.url), 'utf8');
  const r = parseProject(text);
  if (!r.ok) throw new Error(`${id}: ${JSON.stringify(r.error)}`);
  return { text, doc: r.value.doc };
};

describe('templates', () => {
  it('lenet-bn counts 44,878 trainable and 452 non-trainable parameters', () => {
    const { doc } = load('lenet-bn');
    const a = analyze(doc);
    expect(a.diagnostics).toEqual([]);
    expect(a.totals).toMatchObject({ trainable: 44878, nonTrainable: 452, total: 45330 });
    expect(a.outputShape).toEqual([null, 10]);
    expect(a.shapes.get('flatten')).toEqual([null, 256]);
  });

  it('lenet without batch norm has no non-trainable parameters', () => {
    const { doc } = load('lenet');
    const a = analyze(doc);
    expect(a.diagnostics).toEqual([]);
    expect(a.totals).toMatchObject({ trainable: 44878 - 12 - 32 - 240 - 168, nonTrainable: 0 });
    expect(doc.training.learningRate).toBe(0.9);
  });

  it.each(['lenet-bn', 'lenet'])('%s is stored in canonical form and compiles', (id) => {
    const { text, doc } = load(id);
    expect(serializeProject(doc, '0.1.0')).toBe(text);
    const plan = compilePlan(doc);
    expect(plan.ok).toBe(true);
  });
});
