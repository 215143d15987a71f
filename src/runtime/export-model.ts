import * as tf from '@tensorflow/tfjs-core';
import type { ModelPlan } from '../compiler/plan';
import { buildModel } from './build-model';

/** A tfjs Layers model as files: model.json (topology + weights manifest) and its weights.bin. */
export interface ExportedModel {
  /** The contents of model.json (format 'layers-model'); its manifest names `weightsPath`. */
  modelJson: {
    format: 'layers-model';
    generatedBy: string;
    convertedBy: null;
    modelTopology: unknown;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  /** The concatenated float32 weights, in manifest order. */
  weightData: ArrayBuffer;
}

/** Options of exportModelJson. */
export interface ExportModelOptions {
  /** Seed of the fresh weights (used where no trained weight is given). */
  seed: number;
  /** Trained values by tfjs weight name ('conv1/kernel', 'bn1/moving_mean'), e.g. from a checkpoint. */
  weights?: Readonly<Record<string, Float32Array>>;
  /** The file name model.json refers to for the weights (default 'weights.bin'). */
  weightsPath?: string;
}

/** Writes the given values into the model's weights; unknown names and wrong sizes are errors. */
function loadWeights(
  model: ReturnType<typeof buildModel>,
  weights: Readonly<Record<string, Float32Array>>,
): void {
  const byName = new Map(model.weights.map((w) => [w.originalName, w]));
  for (const [name, values] of Object.entries(weights)) {
    const w = byName.get(name);
    if (!w) throw new Error(`the model has no weight '${name}'`);
    const shape = w.shape.map((d) => d ?? 0);
    const size = shape.reduce((a, b) => a * b, 1);
    if (values.length !== size)
      throw new Error(`weight '${name}' needs ${size} values, got ${values.length}`);
    w.write(tf.tensor(values, shape));
  }
}

/**
 * The compiled model as a tfjs model.json and weights, exactly as tf.loadLayersModel
 * reads them: built with buildModel (layer names = node ids), optionally with trained
 * weights, and saved through an in-memory tf.io handler. Needs a tfjs backend set up.
 */
export async function exportModelJson(plan: ModelPlan, options: ExportModelOptions): Promise<ExportedModel> {
  const model = buildModel(plan, options.seed);
  try {
    if (options.weights) loadWeights(model, options.weights);
    let saved: tf.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
      }),
    );
    const artifacts = saved as tf.io.ModelArtifacts | null;
    if (!artifacts?.weightSpecs || !artifacts.modelTopology)
      throw new Error('tfjs saved no topology or weights');
    const data = artifacts.weightData;
    const weightData =
      data === undefined
        ? new ArrayBuffer(0)
        : tf.io.concatenateArrayBuffers(Array.isArray(data) ? data : [data]);
    return {
      modelJson: {
        format: 'layers-model',
        generatedBy: artifacts.generatedBy ?? 'TensorFlow.js',
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [options.weightsPath ?? 'weights.bin'], weights: artifacts.weightSpecs }],
      },
      weightData,
    };
  } finally {
    model.dispose();
  }
}
