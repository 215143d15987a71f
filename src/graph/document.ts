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

/** Backends a run may train on; 'auto' lets the trainer time them and pick the fastest. */
export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;

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
  /** The backend the user chose in the training settings; absent means 'auto'. */
  backend: z.enum(BACKEND_CHOICES).optional(),
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

/**
 * Where an imported set came from: its format, the files (with their path where the host
 * knows one, as the desktop app does) and the content hash of the files and import settings,
 * which keys the stored copy of the prepared data.
 */
export const importSourceSchema = z.object({
  format: z.enum(['csv', 'image-folder', 'idx']),
  hash: z.string().min(1).max(128),
  files: z
    .array(
      z.object({
        name: z.string(),
        path: z.string().max(4096).optional(),
        bytes: z.number().int().min(0),
        /** The file's SHA-256 (64 lowercase hex digits), recorded for linked files. */
        sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .optional(),
      }),
    )
    .max(100_000),
  /**
   * How the prepared data is kept: 'linked' = not stored at all; the files are read again
   * from their paths when the project opens (large files on the desktop). Absent = a stored
   * copy keyed by `hash` (the browser's storage).
   */
  storage: z.enum(['cached', 'linked']).optional(),
  /** The import settings as JSON text, so a linked import can be prepared again (checked by its reader). */
  settings: z.string().max(65_536).optional(),
  /**
   * A linked image folder's root: the picked folder's absolute path. Its `files` are then
   * named by their path under it ("class/image.png", the first folder naming the class),
   * with no per-file path or hash (see `src/project/linked-folder.ts`).
   */
  root: z.string().max(4096).optional(),
  /** A linked image folder's one SHA-256 over its sorted per-file hashes (see `folderManifest`). */
  filesSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
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
    source: importSourceSchema.optional(),
  }),
]);

/** Most points of a run's epoch-level curves. */
export const RUN_EPOCH_POINTS = 1000;
/** Most points of a run's (downsampled) per-batch curves. */
export const RUN_BATCH_POINTS = 500;

const epochCurve = z.array(z.number().nullable()).max(RUN_EPOCH_POINTS);

/**
 * Epoch-level curves of a run (at most 1,000 points). `testLoss` and
 * `testAccuracyTrainingMode` (batch-statistics evaluation) came later: optional.
 */
export const runCurvesSchema = z.object({
  epoch: z.array(z.number()).max(RUN_EPOCH_POINTS),
  loss: epochCurve,
  accuracy: epochCurve,
  testAccuracy: epochCurve,
  testLoss: epochCurve.optional(),
  testAccuracyTrainingMode: epochCurve.optional(),
});

/** Per-batch loss and accuracy of a run, downsampled (bucket means) to at most 500 points. */
export const runBatchCurvesSchema = z.object({
  step: z.array(z.number()).max(RUN_BATCH_POINTS),
  loss: z.array(z.number().nullable()).max(RUN_BATCH_POINTS),
  accuracy: z.array(z.number().nullable()).max(RUN_BATCH_POINTS),
});

/** The one-click experiments a run can belong to. */
export const EXPERIMENT_KINDS = ['batch-norm', 'lr-ladder', 'seeds'] as const;
export type ExperimentKind = (typeof EXPERIMENT_KINDS)[number];

/**
 * Which experiment a run was part of: the experiment's id (shared by its runs), its kind,
 * and the variant this run is ('with-bn' / 'without-bn', 'lr', 'seed').
 */
export const runExperimentSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(EXPERIMENT_KINDS),
  variant: z.string().min(1),
});

/**
 * One ended training run (finished, stopped or failed), kept as data in the project.
 * Fields after `curves` came later and are optional, so older files load unchanged:
 * `seq` numbers runs for their default label ("Run 3"), `label` is the user's own name,
 * `experiment` ties the runs of one experiment together, `heldOutExamples` counts the
 * examples of the test evaluation, `failure` is why a failed run failed.
 */
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
    testAccuracyTrainingMode: z.number().nullable().optional(),
  }),
  curves: runCurvesSchema,
  seq: z.number().int().min(1).optional(),
  label: z.string().max(200).optional(),
  experiment: runExperimentSchema.optional(),
  heldOutExamples: z.number().int().min(0).optional(),
  batchCurves: runBatchCurvesSchema.optional(),
  failure: z.string().optional(),
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
export type ImportSource = z.infer<typeof importSourceSchema>;
export type RunRecord = z.infer<typeof runRecordSchema>;
export type RunExperiment = z.infer<typeof runExperimentSchema>;
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
