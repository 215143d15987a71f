import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { planHash } from '../../../src/compiler/plan-hash';
import { setLayerParam } from '../../../src/graph/commands';
import { parseProject } from '../../../src/project/parse';
import { serializeProject } from '../../../src/project/serialize';
import { setupBackend } from '../../../src/runtime/backend';
import { planOf } from './exchange-helpers';

const bin = new URL('../../../bin/layerloom.mjs', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'll-cli-w-'));

/** A Fashion-MNIST-shaped conv + BN + dense model made by tfjs, saved as model.json + one .bin. */
async function writeTfjsModel(folder: string): Promise<tfl.LayersModel> {
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 3, kernelSize: 5, strides: 2, name: 'conv' }),
      tfl.layers.batchNormalization({ name: 'bn' }),
      tfl.layers.flatten({ name: 'flat' }),
      tfl.layers.dense({ units: 10, name: 'logits' }),
    ],
  });
  const bn = model.getLayer('bn');
  const [g, b] = bn.getWeights();
  bn.setWeights([g!, b!, tf.fill([3], 0.2), tf.fill([3], 1.5)]);
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const data = a.weightData!;
      const bytes = tf.io.concatenateArrayBuffers(Array.isArray(data) ? data : [data]);
      mkdirSync(join(folder, 'shards'), { recursive: true });
      writeFileSync(join(folder, 'shards', 'w.bin'), new Uint8Array(bytes));
      const json = {
        modelTopology: a.modelTopology,
        weightsManifest: [{ paths: ['shards/w.bin'], weights: a.weightSpecs }],
      };
      writeFileSync(join(folder, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return model;
}

describe('layerloom import with weights -> sidecar -> export / train (subprocesses)', () => {
  let original: tfl.LayersModel;
  beforeAll(async () => {
    await setupBackend('cpu');
    original = await writeTfjsModel(dir);
  });

  it('writes a sidecar tied to the plan, and exports the imported weights as a loadable model', async () => {
    const project = join(dir, 'p.layerloom');
    const i = run('import', join(dir, 'model.json'), '-o', project);
    expect(i.stderr).toMatch(/p\.layerloom\.weights\.json \+ p\.layerloom\.weights\.bin/);
    expect(i.status).toBe(0);
    const parsed = parseProject(readFileSync(project, 'utf8'));
    if (!parsed.ok) throw new Error('bad project');
    const sidecar = JSON.parse(readFileSync(join(dir, 'p.layerloom.weights.json'), 'utf8'));
    expect(sidecar).toMatchObject({
      format: 'layerloom-weights',
      version: 1,
      planHash: planHash(planOf(parsed.value.doc)),
      weightsManifest: [{ paths: ['p.layerloom.weights.bin'] }],
    });
    expect(sidecar.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toEqual([
      'conv/kernel',
      'conv/bias',
      'bn/gamma',
      'bn/beta',
      'bn/moving_mean',
      'bn/moving_variance',
      'logits/kernel',
      'logits/bias',
    ]);

    const out = join(dir, 'out');
    mkdirSync(out);
    const e = run('export', project, '--format', 'tfjs-model', '-o', join(out, 'm.json'));
    expect(e.stderr).toMatch(/weights from p\.layerloom\.weights\.json/);
    expect(e.status).toBe(0);
    const exported = JSON.parse(readFileSync(join(out, 'm.json'), 'utf8'));
    const weightData = new Uint8Array(readFileSync(join(out, 'm.weights.bin'))).buffer;
    const loaded = await tfl.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: exported.modelTopology,
        weightSpecs: exported.weightsManifest[0].weights,
        weightData,
      }),
    );
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 4);
    const diff = tf.tidy(
      () =>
        tf
          .max(tf.abs(tf.sub(loaded.predict(x) as tf.Tensor, original.predict(x) as tf.Tensor)))
          .dataSync()[0]!,
    );
    expect(diff).toBeLessThan(1e-5);
    loaded.dispose();
    x.dispose();
  });

  it('trains from the sidecar weights, and warns and ignores them once the model changed', () => {
    const project = join(dir, 'p.layerloom');
    const t = run('train', project, '--epochs', '1', '--limit', '64', '--backend', 'wasm', '--json');
    expect(t.stderr).toMatch(/starting from the weights in the project's sidecar/);
    expect(t.status).toBe(0);

    const parsed = parseProject(readFileSync(project, 'utf8'));
    if (!parsed.ok) throw new Error('bad project');
    const changed = setLayerParam(parsed.value.doc, 'conv', 'filters', 4);
    if (!changed.ok) throw new Error('edit refused');
    const edited = join(dir, 'edited.layerloom');
    writeFileSync(edited, serializeProject(changed.value, '0.0.0'));
    // The old sidecar next to the edited project: made for the other plan.
    writeFileSync(
      join(dir, 'edited.layerloom.weights.json'),
      readFileSync(join(dir, 'p.layerloom.weights.json')),
    );
    const e = run('export', edited, '--format', 'tfjs-model', '-o', join(dir, 'e.json'));
    expect(e.stderr).toMatch(
      /warning: .*edited\.layerloom\.weights\.json was made for another version of the model/,
    );
    expect(e.stderr).toMatch(/fresh weights from seed/);
    expect(e.status).toBe(0);
    expect(existsSync(join(dir, 'e.weights.bin'))).toBe(true);
  });

  it('names the missing weights file', () => {
    const other = join(dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'model.json'), readFileSync(join(dir, 'model.json')));
    const r = run('import', join(other, 'model.json'), '-o', join(other, 'x.layerloom'));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/other\/shards\/w\.bin: no such file/);
  });
});
