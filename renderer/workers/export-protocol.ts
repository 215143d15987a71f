import type { ModelPlan } from '../../src/compiler/plan';
import type { WeightSet } from '../../src/compiler/tfjs-weights';

/** Bumped whenever a message of the export worker changes shape. */
export const EXPORT_PROTOCOL_VERSION = 1;

/** To the export worker: write this plan as a tfjs model.json with these weights. */
export interface ExportRequest {
  type: 'export-model';
  version: typeof EXPORT_PROTOCOL_VERSION;
  plan: ModelPlan;
  weights: WeightSet;
  /** Seed for any weight the set lacks (none, when the set fits the plan). */
  seed: number;
  /** The .bin file name model.json refers to. */
  weightsPath: string;
}

/** From the export worker: the model.json text and the weights file, or why it failed. */
export type ExportResponse =
  | { type: 'exported'; modelJson: string; weightData: ArrayBuffer }
  | { type: 'export-failed'; message: string };

/** Checks a message from the export worker (our own code: the tag is what can go wrong). */
export function isExportResponse(msg: unknown): msg is ExportResponse {
  const m = msg as { type?: unknown } | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    ((m.type === 'exported' && (msg as { weightData?: unknown }).weightData instanceof ArrayBuffer) ||
      m.type === 'export-failed')
  );
}
