import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Doc } from '../../../src/graph/document';
import { exportPyTorch } from '../../../src/compiler/export-pytorch';
import { setupBackend } from '../../../src/runtime/backend';
import { buildModel } from '../../../src/runtime/build-model';
import { planOf, PYTHON, templates, torchOrSkip } from './exchange-helpers';
import { zoo } from './zoo';

const CHECKER = new URL('../../python/check_pytorch_parity.py', import.meta.url).pathname;
const torch = torchOrSkip();
const dir = mkdtempSync(join(tmpdir(), 'll-parity-'));

/** Tensors as one float32 file plus a manifest of shapes and offsets (JSON lists are slow to parse). */
function pack(
  named: [string, tf.Tensor][],
  file: string,
): Record<string, { shape: number[]; offset: number }> {
  const parts = named.map(([, t]) => t.dataSync() as Float32Array);
  const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  const manifest: Record<string, { shape: number[]; offset: number }> = {};
  let offset = 0;
  named.forEach(([name, t], i) => {
    manifest[name] = { shape: t.shape, offset };
    all.set(parts[i]!, offset);
    offset += parts[i]!.length;
  });
  writeFileSync(file, new Uint8Array(all.buffer));
  return manifest;
}

const cases: [string, Doc][] = [...templates(), ['zoo', zoo()]];
const reports = new Map<string, unknown>();

/** Writes the export of a document, the app's weights (non-trivial running statistics) and an input/output pair. */
function writeCase(id: string, doc: Doc): { model: string; case: string; weights: number } {
  const plan = planOf(doc);
  const model = buildModel(plan, 5);
  for (const w of model.weights) {
    if (/moving_(mean|variance)$/.test(w.originalName))
      w.write(tf.randomUniform(w.shape as number[], 0.5, 1.5, 'float32', 9));
  }
  const x = tf.randomUniform([2, ...plan.inputShape], 0, 1, 'float32', 4);
  const y = model.predict(x) as tf.Tensor;
  const modelFile = join(dir, `${id}.py`);
  const caseFile = join(dir, `${id}.case.json`);
  writeFileSync(modelFile, exportPyTorch(doc, plan));
  const weights = pack(
    model.weights.map((w) => [w.originalName, w.read()]),
    `${caseFile}.weights.bin`,
  );
  const io = pack(
    [
      ['input', x],
      ['output', y],
    ],
    `${caseFile}.io.bin`,
  );
  writeFileSync(caseFile, JSON.stringify({ weights, io }));
  tf.dispose([x, y]);
  model.dispose();
  return { model: modelFile, case: caseFile, weights: Object.keys(weights).length };
}

describe.skipIf(!torch)('exported PyTorch model computes what the app computes', () => {
  beforeAll(async () => {
    await setupBackend('cpu');
    // One Python process for every case: importing torch is most of the time.
    const files = cases.map(([id, doc]) => writeCase(id, doc));
    const r = spawnSync(PYTHON, [CHECKER, ...files.flatMap((f) => [f.model, f.case])], {
      encoding: 'utf8',
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1' },
    });
    if (r.stderr) throw new Error(r.stderr);
    r.stdout
      .trim()
      .split('\n')
      .forEach((line, i) => reports.set(cases[i]![0], { ...JSON.parse(line), weights: files[i]!.weights }));
  }, 120_000);

  it.each(cases.map(([id]) => id))('%s: the app weights give the same predictions (1e-4)', (id) => {
    const report = reports.get(id) as { loaded: number; maxDiff: number; weights: number };
    expect(report).toBeDefined();
    expect(report.loaded).toBe(report.weights);
    expect(report.maxDiff).toBeLessThan(1e-4);
  });
});
