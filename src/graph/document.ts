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

/** The optimizers a run can use (PyTorch's update rules). */
export const OPTIMIZERS = ['sgd', 'adam', 'adamw', 'rmsprop'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];

const warmupSteps = z.number().int().min(0).max(1_000_000).default(0);

/**
 * How the learning rate changes over a run, on top of the base rate. `warmupSteps` (any
 * kind) ramps it linearly from base/warmupSteps up to base over the first steps.
 * - constant: the base rate.
 * - step: multiplied by `gamma` after every `everyEpochs` epochs (PyTorch's StepLR).
 * - cosine: from the base rate down towards 0 over the configured run (after the warm-up).
 */
export const lrScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant'), warmupSteps }),
  z.object({
    kind: z.literal('step'),
    everyEpochs: z.number().int().min(1).max(10_000),
    gamma: z.number().positive().max(1),
    warmupSteps,
  }),
  z.object({ kind: z.literal('cosine'), warmupSteps }),
]);

/** Which examples the end-of-epoch evaluation uses: the dataset's test set, or a seeded share of the training set. */
export const validationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('test-set') }),
  z.object({ kind: z.literal('split'), fraction: z.number().gt(0).max(0.9) }),
]);

/**
 * The training configuration saved with the project. Fields added after the first
 * templates have defaults that keep their meaning: plain SGD, constant rate, test set.
 */
export const trainingConfigSchema = z.object({
  epochs: z.number().int().min(1).max(10_000),
  batchSize: z.number().int().min(1).max(65_536),
  /** The base learning rate (the schedule scales it; 'set-lr' changes it during a run). */
  learningRate: z.number().positive().max(1000),
  optimizer: z.enum(OPTIMIZERS),
  /** SGD's and RMSprop's momentum (0 = none). */
  momentum: z.number().min(0).max(0.9999).default(0),
  /** Nesterov momentum (SGD with momentum > 0 only). */
  nesterov: z.boolean().default(false),
  /** Adam's and AdamW's decay rates of the first and second moment estimates. */
  beta1: z.number().min(0).max(0.9999).default(0.9),
  beta2: z.number().min(0).max(0.999999).default(0.999),
  /** RMSprop's decay rate of the squared-gradient average (PyTorch calls it alpha). */
  rho: z.number().min(0).max(0.999999).default(0.9),
  /** Added to the denominator of Adam, AdamW and RMSprop (outside the square root, as in PyTorch). */
  epsilon: z.number().positive().max(1).default(1e-8),
  /** L2 penalty added to the gradient (SGD, Adam, RMSprop); decoupled decay for AdamW. */
  weightDecay: z.number().min(0).max(1).default(0),
  schedule: lrScheduleSchema.default({ kind: 'constant', warmupSteps: 0 }),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  /** Cap on training examples; null means all. */
  trainLimit: z.number().int().min(1).nullable(),
  validation: validationSchema.default({ kind: 'test-set' }),
});

/**
 * How a generated (toy) built-in set is made: its total example count (split 80/20 into
 * training and test examples), the jitter, the class count (kinds with a fixed count
 * ignore it) and the generator's seed. Optional: files from before toy sets have none.
 */
export const generatorOptionsSchema = z.object({
  size: z.number().int().min(8).max(100_000),
  noise: z.number().min(0).max(10),
  classes: z.number().int().min(2).max(16),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
});

/** What an imported set's targets are; absent means classification (files from before regression sets). */
export const DATASET_TASKS = ['classification', 'regression'] as const;

/**
 * Which dataset the project trains on. Imported sets carry shape and classes so analysis
 * stays pure (classes is 0 for a regression set). Every field added after the first
 * schema is optional, so older files load unchanged.
 */
export const datasetRefSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('builtin'),
    id: z.string().min(1),
    options: generatorOptionsSchema.optional(),
  }),
  z.object({
    kind: z.literal('imported'),
    id: z.string().min(1),
    name: z.string(),
    inputShape: z.array(z.number().int().positive()).min(1),
    classes: z.number().int().min(0),
    task: z.enum(DATASET_TASKS).optional(),
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

/**
 * A named group of layers (its members name it in their `block` field), drawn as one node
 * while collapsed. Optional in files: documents from before blocks simply have none.
 */
export const blockSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  collapsed: z.boolean(),
});

/** The document: everything the user made. Derived data (shapes, diagnostics) is never stored. */
export const documentSchema = z.object({
  name: z.string(),
  layers: z.array(layerSchema),
  edges: z.array(edgeSchema),
  training: trainingConfigSchema,
  dataset: datasetRefSchema,
  runs: z.array(runRecordSchema).default([]),
  blocks: z.array(blockSchema).optional(),
});

export type Position = z.infer<typeof positionSchema>;
export type LayerRecord = z.infer<typeof layerSchema>;
export type EdgeRecord = z.infer<typeof edgeSchema>;
export type BlockRecord = z.infer<typeof blockSchema>;
export type TrainingConfig = z.infer<typeof trainingConfigSchema>;
export type LrSchedule = z.infer<typeof lrScheduleSchema>;
export type ValidationChoice = z.infer<typeof validationSchema>;
export type DatasetRef = z.infer<typeof datasetRefSchema>;
export type GeneratorOptions = z.infer<typeof generatorOptionsSchema>;
export type RunRecord = z.infer<typeof runRecordSchema>;
export type Doc = z.infer<typeof documentSchema>;

/** Sensible training defaults for a new document. */
export const DEFAULT_TRAINING: TrainingConfig = {
  epochs: 10,
  batchSize: 256,
  learningRate: 0.1,
  optimizer: 'sgd',
  momentum: 0,
  nesterov: false,
  beta1: 0.9,
  beta2: 0.999,
  rho: 0.9,
  epsilon: 1e-8,
  weightDecay: 0,
  schedule: { kind: 'constant', warmupSteps: 0 },
  seed: 1,
  trainLimit: null,
  validation: { kind: 'test-set' },
};
