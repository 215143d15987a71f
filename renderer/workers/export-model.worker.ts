/**
 * The export worker's entry: turns a plan and its weights into a tfjs model.json and
 * weights file with src/runtime/export-model.ts (tfjs stays out of the UI thread).
 * One request per worker; the client terminates it after the answer.
 */
import { unpackWeightSet } from '../../src/compiler/tfjs-weights';
import { setupBackend } from '../../src/runtime/backend';
import { exportModelJson } from '../../src/runtime/export-model';
import { EXPORT_PROTOCOL_VERSION, type ExportRequest, type ExportResponse } from './export-protocol';

interface WorkerScope {
  postMessage(msg: ExportResponse, transfer?: ArrayBuffer[]): void;
  addEventListener(type: 'message', fn: (e: { data: unknown }) => void): void;
}

const scope = self as unknown as WorkerScope;

async function handle(req: ExportRequest): Promise<ExportResponse> {
  if (req?.type !== 'export-model' || req.version !== EXPORT_PROTOCOL_VERSION)
    return { type: 'export-failed', message: 'malformed export request' };
  const tensors = unpackWeightSet(req.weights);
  if (!tensors.ok) return { type: 'export-failed', message: tensors.error };
  await setupBackend('cpu');
  const exported = await exportModelJson(req.plan, {
    seed: req.seed,
    weightsPath: req.weightsPath,
    weights: Object.fromEntries(tensors.value.map((t) => [t.name, t.values])),
  });
  return {
    type: 'exported',
    modelJson: `${JSON.stringify(exported.modelJson)}\n`,
    weightData: exported.weightData,
  };
}

scope.addEventListener('message', (e) => {
  void handle(e.data as ExportRequest)
    .catch((err: unknown): ExportResponse => ({
      type: 'export-failed',
      message: (err as Error).message ?? String(err),
    }))
    .then((r) => scope.postMessage(r, r.type === 'exported' ? [r.weightData] : []));
});
