import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { importModelJson } from '../../../src/compiler/import-model-json';
import { importWeights, weightFilePaths } from '../../../src/compiler/import-weights';
import { planWeights } from '../../../src/compiler/tfjs-weights';
import { setupBackend } from '../../../src/runtime/backend';
import { exportModelJson } from '../../../src/runtime/export-model';
import { planOf } from './exchange-helpers';

/** What model.save hands an IO handler, as the two files a browser download would give. */
interface SavedFiles {
  modelJson: {
    modelTopology: unknown;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  bin: Uint8Array;
}

/** Saves a tfjs model through a custom IO handler, as model.json + one weights file. */
async function saveAsFiles(model: tfl.LayersModel): Promise<SavedFiles> {
  let out: SavedFiles | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const data = a.weightData!;
      const buffer = tf.io.concatenateArrayBuffers(Array.isArray(data) ? data : [data]);
      out = {
        modelJson: {
          modelTopology: a.modelTopology,
          weightsManifest: [{ paths: ['./group1-shard1of1.bin'], weights: a.weightSpecs! }],
        },
        bin: new Uint8Array(buffer),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return out!;
}

/** conv + BN + pooling + dense, made by tfjs itself, with its BN statistics moved off their defaults. */
function tfjsModel(): tfl.LayersModel {
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [8, 8, 2], filters: 4, kernelSize: 3, activation: 'relu' }),
      tfl.layers.batchNormalization({ axis: -1 }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 5 }),
    ],
  });
  // Non-trivial running statistics: prediction mode then depends on all four BN weights.
  const bn = model.layers[1]!;
  const [gamma, beta] = bn.getWeights();
  bn.setWeights([
    gamma!,
    beta!,
    tf.randomUniform([4], -0.5, 0.5, 'float32', 11),
    tf.randomUniform([4], 0.5, 2, 'float32', 12),
  ]);
  return model;
}

describe('importing a model.json with its weights', () => {
  beforeAll(async () => {
    await setupBackend('cpu');
  });

  it('round-trips tfjs -> import -> export -> tf.loadLayersModel with equal predictions', async () => {
    const original = tfjsModel();
    const saved = await saveAsFiles(original);
    const imported = importModelJson(saved.modelJson);
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    const doc = imported.value.doc;
    expect(weightFilePaths(saved.modelJson)).toEqual(['./group1-shard1of1.bin']);
    const weights = importWeights(saved.modelJson, doc, new Map([['./group1-shard1of1.bin', saved.bin]]));
    if (!weights.ok) throw new Error(weights.error);
    const plan = planOf(doc);
    expect(weights.value!.map((w) => w.name)).toEqual(planWeights(plan).map((w) => w.name));

    const exported = await exportModelJson(plan, {
      seed: 99, // fresh weights from this seed would differ: the imported ones must replace all of them
      weights: Object.fromEntries(weights.value!.map((w) => [w.name, w.values])),
    });
    const loaded = await tfl.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: exported.modelJson.modelTopology as object,
        weightSpecs: exported.modelJson.weightsManifest[0]!.weights,
        weightData: exported.weightData,
      }),
    );
    const x = tf.randomNormal([3, 8, 8, 2], 0, 1, 'float32', 5);
    try {
      const want = original.predict(x) as tf.Tensor;
      const got = loaded.predict(x) as tf.Tensor;
      expect(got.shape).toEqual(want.shape);
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(got, want))).dataSync()[0]!);
      const scale = tf.tidy(() => tf.max(tf.abs(want)).dataSync()[0]!);
      expect(scale).toBeGreaterThan(1e-3);
      expect(diff).toBeLessThan(1e-5);
    } finally {
      x.dispose();
      original.dispose();
      loaded.dispose();
    }
  });

  it('names the layer when a weight has the wrong shape, and the file when it is missing', async () => {
    const original = tfjsModel();
    const saved = await saveAsFiles(original);
    original.dispose();
    const imported = importModelJson(saved.modelJson);
    if (!imported.ok) throw new Error('import failed');
    const json = structuredClone(saved.modelJson);
    const dense = json.weightsManifest[0]!.weights.find(
      (w) => w.name.endsWith('/kernel') && w.shape.length === 2,
    )!;
    dense.shape = [dense.shape[1]!, dense.shape[0]!];
    const bad = importWeights(json, imported.value.doc, new Map([['./group1-shard1of1.bin', saved.bin]]));
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.error).toMatch(
        /^layer 'dense_Dense\d+': weight 'dense_Dense\d+\/kernel' has shape \[5, 36\], the layer needs \[36, 5\]/,
      );
    const missing = importWeights(saved.modelJson, imported.value.doc, new Map());
    expect(missing).toEqual({
      ok: false,
      error: "the weights file './group1-shard1of1.bin' was not provided",
    });
    const short = importWeights(
      saved.modelJson,
      imported.value.doc,
      new Map([['./group1-shard1of1.bin', saved.bin.slice(0, 40)]]),
    );
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.error).toMatch(/runs past the end/);
  });

  it('reports no weights for a bare topology', () => {
    const model = tfjsModel();
    const topology = model.toJSON(null, false);
    model.dispose();
    const imported = importModelJson(topology);
    if (!imported.ok) throw new Error('import failed');
    expect(importWeights(topology, imported.value.doc, new Map())).toEqual({ ok: true, value: null });
  });
});
