import { z } from 'zod';

/** Panels and control groups a lesson step can show or hide (the presenter view shows only these). */
export const LESSON_CONTROLS = [
  'palette',
  'inspector',
  'problems',
  'dataset',
  'training-settings',
  'training-controls',
] as const;
export type LessonControl = (typeof LESSON_CONTROLS)[number];

/** Charts a step can point at (each chart panel in the app carries one of these ids). */
export const LESSON_CHARTS = [
  'loss',
  'accuracy',
  'learning-rate',
  'gradient-norms',
  'activation-distribution',
  'activation-histogram',
  'weights',
  'bn-mean',
  'bn-variance',
  'bn-over-time',
] as const;
export type LessonChart = (typeof LESSON_CHARTS)[number];

/** Charts shown on the per-layer tab (the others are on the metrics tab). */
export const LAYER_CHARTS: readonly LessonChart[] = [
  'gradient-norms',
  'activation-distribution',
  'activation-histogram',
  'weights',
  'bn-mean',
  'bn-variance',
  'bn-over-time',
];

/** A message-catalog key under "lesson." (the text itself lives in assets/locales). */
const messageKey = z
  .string()
  .regex(/^lesson\.[a-z0-9-]+(\.[A-Za-z0-9-]+)+$/, 'a catalog key "lesson.<id>...."');
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');

/** Layer parameter values a patch may set (the kinds' own specs check them when the document is analysed). */
const paramValue = z.union([z.number(), z.string(), z.boolean()]);

/** A template with changes: training settings and layer parameters by layer id. */
export const documentPatchSchema = z.strictObject({
  template: id,
  training: z
    .strictObject({
      learningRate: z.number().positive().max(1000).optional(),
      batchSize: z.number().int().min(1).max(65_536).optional(),
      epochs: z.number().int().min(1).max(10_000).optional(),
    })
    .optional(),
  layers: z.record(z.string().min(1), z.record(z.string().min(1), paramValue)).optional(),
});
export type DocumentPatch = z.infer<typeof documentPatchSchema>;

/** How long a lesson run is: epochs, and the training examples it uses. */
const runSize = {
  epochs: z.number().int().min(1).max(50),
  /** Training examples (a lesson runs on a subset so it finishes in class). */
  limit: z.number().int().min(1).max(1_000_000),
};

/** What a compare step trains, one after another. */
export const compareSchema = z.union([
  z.literal('with-without-bn'),
  z.strictObject({ lrs: z.array(z.number().positive().max(1000)).min(2).max(6) }),
  z.strictObject({ templates: z.array(id).min(2).max(4) }),
]);
export type CompareWhat = z.infer<typeof compareSchema>;

/** What a step's button does. */
export const lessonActionSchema = z.union([
  z.strictObject({ open: z.union([id, documentPatchSchema]) }),
  z.strictObject({ train: z.strictObject({ ...runSize, lr: z.number().positive().max(1000).optional() }) }),
  z.strictObject({ compare: compareSchema, ...runSize }),
  z.strictObject({
    highlight: z.enum(LESSON_CHARTS),
    /** The layer whose charts to show (for per-layer charts). */
    layer: z.string().min(1).optional(),
  }),
]);
export type LessonAction = z.infer<typeof lessonActionSchema>;

/** One step: its title and text (catalog keys), the controls it shows or hides, and its action. */
export const lessonStepSchema = z.strictObject({
  title: messageKey,
  text: messageKey,
  show: z.array(z.enum(LESSON_CONTROLS)).default([]),
  hide: z.array(z.enum(LESSON_CONTROLS)).default([]),
  action: lessonActionSchema.optional(),
});
export type LessonStep = z.infer<typeof lessonStepSchema>;

/** The project a lesson starts from: a bundled template, or one with changes. */
export const lessonProjectSchema = z.union([id, documentPatchSchema]);

/** A lesson file. */
export const lessonSchema = z.strictObject({
  format: z.literal('layerloom-lesson'),
  version: z.literal(1),
  id,
  /** Position in the gallery (lower first). */
  order: z.number().int().min(0).default(100),
  title: messageKey,
  summary: messageKey,
  project: lessonProjectSchema,
  /** Layer kinds this lesson teaches (optional; older files without it teach none). */
  teaches: z.array(id).max(20).optional(),
  steps: z.array(lessonStepSchema).min(1).max(30),
});
export type Lesson = z.infer<typeof lessonSchema>;
