import { z } from 'zod';

/** A layer's position on the canvas (saved: it is part of the user's design). */
export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

/** One layer node of the document. */
export const layerSchema = z.object({
  id: z.string().min(1),
  kind: z.string().min(1),
  name: z.string(),
  params: z.record(z.string(), z.union([z.number().finite(), z.string(), z.boolean()])),
  position: positionSchema,
  block: z.string().nullable().default(null),
});

/** A wire from a layer's output to a numbered input port of another layer. */
export const edgeSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  targetPort: z.number().int().min(0),
});

/** The training configuration saved with the project. */
export const trainingConfigSchema = z.object({
  epochs: z.number().int().min(1).max(10_000),
  batchSize: z.number().int().min(1).max(65_536),
  learningRate: z.number().positive().max(1000),
  optimizer: z.literal('sgd'),
  seed: z.number().int().min(0).max(2 ** 32 - 1),
  /** Cap on training examples; null means all. */
  trainLimit: z.number().int().min(1).nullable(),
});

/** Which dataset the project trains on. Imported sets carry shape and classes so analysis stays pure. */
export const datasetRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('builtin'), id: z.string().min(1) }),
  z.object({
    kind: z.literal('imported'),
    id: z.string().min(1),
    name: z.string(),
    inputShape: z.array(z.number().int().positive()).min(1),
    classes: z.number().int().positive(),
  }),
]);

/** Epoch-level curves of a run (at most 1,000 points). */
export const runCurvesSchema = z.object({
  epoch: z.array(z.number()).max(1000),
  loss: z.array(z.number().nullable()).max(1000),
  accuracy: z.array(z.number().nullable()).max(1000),
  testAccuracy: z.array(z.number().nullable()).max(1000),
});

/** One finished (or stopped) training run, kept as data in the project. */
export const runRecordSchema = z.object({
  id: z.string().min(1),
  startedAt: z.string(),
  durationMs: z.number().nonnegative(),
  config: trainingConfigSchema,
  dataset: datasetRefSchema,
  backend: z.string(),
  reason: z.string(),
  final: z.object({
    loss: z.number().nullable(),
    accuracy: z.number().nullable(),
    testAccuracy: z.number().nullable(),
  }),
  curves: runCurvesSchema,
});

/** The document: everything the user made. Derived data (shapes, diagnostics) is never stored. */
export const documentSchema = z.object({
  name: z.string(),
  layers: z.array(layerSchema),
  edges: z.array(edgeSchema),
  training: trainingConfigSchema,
  dataset: datasetRefSchema,
  runs: z.array(runRecordSchema).default([]),
});

export type Position = z.infer<typeof positionSchema>;
export type LayerRecord = z.infer<typeof layerSchema>;
export type EdgeRecord = z.infer<typeof edgeSchema>;
export type TrainingConfig = z.infer<typeof trainingConfigSchema>;
export type DatasetRef = z.infer<typeof datasetRefSchema>;
export type RunRecord = z.infer<typeof runRecordSchema>;
export type Doc = z.infer<typeof documentSchema>;

/** Sensible training defaults for a new document. */
export const DEFAULT_TRAINING: TrainingConfig = {
  epochs: 10,
  batchSize: 256,
  learningRate: 0.1,
  optimizer: 'sgd',
  seed: 1,
  trainLimit: null,
};
