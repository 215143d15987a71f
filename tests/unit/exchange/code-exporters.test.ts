import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analysis/analyze';
import { exportKeras } from '../../../src/compiler/export-keras';
import { exportPyTorch } from '../../../src/compiler/export-pytorch';
import { exportTfjsCode } from '../../../src/compiler/export-tfjs-code';
import { planOf, PYTHON, templates } from './exchange-helpers';

// Inside the project, so that the exported file's `import '@tensorflow/tfjs'` resolves.
const DIR = new URL('../../../node_modules/.cache/layerloom-exchange-test/', import.meta.url).pathname;
mkdirSync(DIR, { recursive: true });
const hasPython = spawnSync(PYTHON, ['--version']).status === 0;

describe('tfjs TypeScript export', () => {
  it.each(templates())(
    '%s: builds the same layers, shapes and parameter count as the app',
    async (id, doc) => {
      const plan = planOf(doc);
      const file = `${DIR}${id}.ts`;
      writeFileSync(file, exportTfjsCode(doc, plan));
      const mod = (await import(/* @vite-ignore */ file)) as typeof import('./exchange-helpers') & {
        buildModel(): import('@tensorflow/tfjs').LayersModel;
        compileModel(m: unknown): void;
      };
      const model = mod.buildModel();
      const a = analyze(doc);
      expect(model.countParams()).toBe(a.totals.total);
      for (const node of plan.nodes) {
        expect(model.getLayer(node.id).outputShape, node.id).toEqual(a.shapes.get(node.id));
      }
      mod.compileModel(model);
      model.dispose();
    },
  );
});

describe.skipIf(!hasPython)('Python exports are valid Python', () => {
  it.each(templates())('%s: Keras and PyTorch files parse', (id, doc) => {
    const plan = planOf(doc);
    for (const [kind, text] of [
      ['keras', exportKeras(doc, plan)],
      ['torch', exportPyTorch(doc, plan)],
    ] as const) {
      const file = `${DIR}${id}-${kind}.py`;
      writeFileSync(file, text);
      const r = spawnSync(PYTHON, ['-c', 'import ast,sys;ast.parse(open(sys.argv[1]).read())', file], {
        encoding: 'utf8',
      });
      expect(r.stderr, `${id} ${kind}`).toBe('');
    }
  });

  it('names every Keras layer by its node id with snake_case config', () => {
    const [, doc] = templates().find(([id]) => id === 'lenet-bn')!;
    const text = exportKeras(doc, planOf(doc));
    expect(text).toContain('layers.Conv2D(filters=6, kernel_size=(5, 5), strides=(1, 1), padding="valid"');
    expect(text).toContain('kernel_initializer="glorot_uniform"');
    expect(text).toContain('layers.BatchNormalization(axis=-1, momentum=0.9, epsilon=0.00001');
    expect(text).toContain('keras.optimizers.SGD(learning_rate=1,');
  });
});
