import type { ModelPlan } from '../../src/compiler/plan';
import type { WeightSet } from '../../src/compiler/tfjs-weights';
import { EXPORT_PROTOCOL_VERSION, isExportResponse, type ExportRequest } from './export-protocol';

/** The two files of a tfjs model. */
export interface ModelFiles {
  modelJson: string;
  weightData: ArrayBuffer;
}

/**
 * Writes a plan and its weights as a tfjs model.json + weights file in a short-lived
 * worker (tfjs never loads on the UI thread). Rejects with the worker's reason.
 */
export function exportModelFiles(
  plan: ModelPlan,
  weights: WeightSet,
  opts: { seed: number; weightsPath: string },
): Promise<ModelFiles> {
  const worker = new Worker(new URL('./export-model.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<ModelFiles>((resolve, reject) => {
    worker.addEventListener('message', (e: MessageEvent) => {
      worker.terminate();
      const msg: unknown = e.data;
      if (!isExportResponse(msg)) reject(new Error('unexpected answer from the export worker'));
      else if (msg.type === 'exported') resolve({ modelJson: msg.modelJson, weightData: msg.weightData });
      else reject(new Error(msg.message));
    });
    worker.addEventListener('error', (e) => {
      worker.terminate();
      reject(new Error(e.message || 'the export worker stopped'));
    });
    const req: ExportRequest = {
      type: 'export-model',
      version: EXPORT_PROTOCOL_VERSION,
      plan,
      weights,
      ...opts,
    };
    worker.postMessage(req);
  });
}
