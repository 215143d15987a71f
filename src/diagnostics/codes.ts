/**
 * The stable diagnostic codes. Tests, docs and translations key on these, so a
 * shipped code is never renamed.
 */
export const DIAGNOSTIC_CODES = [
  'graph/cycle',
  'graph/no-input',
  'graph/no-output',
  'graph/multiple-outputs',
  'graph/output-unreachable',
  'graph/disconnected',
  'graph/missing-input',
  'graph/input-count',
  'graph/unknown-kind',
  'graph/bad-edge',
  'shape/rank-mismatch',
  'shape/too-small',
  'shape/output-not-classes',
  'shape/dataset-mismatch',
  'shape/class-count-mismatch',
  'shape/output-on-regression',
  'shape/target-count-mismatch',
  'shape/regression-on-classes',
  'shape/output-not-vector',
  'shape/reshape-size',
  'shape/add-mismatch',
  'shape/concat-mismatch',
  'shape/concat-axis',
  'param/out-of-range',
  'param/invalid',
  'param/stride-and-dilation',
] as const;

/** One of the stable diagnostic codes. */
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];
