import { useMemo } from 'react';
import { compilePlan } from '../../src/compiler/plan';
import { planHash } from '../../src/compiler/plan-hash';
import type { WeightSet } from '../../src/compiler/tfjs-weights';
import type { ImportedWeights } from '../state/exchange-store';
import { useDocument, useExchange, useStores, useTraining } from '../state/stores';
import { exportModelFiles } from '../workers/export-model-client';
import { modelFileNames } from './export-code';
import { downloadBlob } from './project-file';

/** Where "Export trained model" takes its weights from, or why it cannot (a catalog key suffix). */
export type ModelSource =
  | { ok: true; from: 'run' }
  | { ok: true; from: 'imported'; imported: ImportedWeights }
  | { ok: false; reason: 'errors' | 'untrained' | 'changed' };

/**
 * Decides where trained weights come from (pure): the last run's (kept in the worker) when
 * it trained this very plan, else weights imported for this plan. `current` is the
 * current plan's hash, null when the document does not compile.
 */
export function modelSource(
  current: string | null,
  run: { planHash: string | null; step: number },
  imported: ImportedWeights | null,
): ModelSource {
  if (current === null) return { ok: false, reason: 'errors' };
  if (run.planHash === current && run.step > 0) return { ok: true, from: 'run' };
  if (imported?.planHash === current) return { ok: true, from: 'imported', imported };
  return (run.planHash !== null && run.step > 0) || imported
    ? { ok: false, reason: 'changed' }
    : { ok: false, reason: 'untrained' };
}

/** "Export trained model": where the weights come from now, and the action that downloads model.json + .bin. */
export function useExportModel(): { source: ModelSource; exportModel(): Promise<void> } {
  const stores = useStores();
  const doc = useDocument((s) => s.doc);
  const analysis = useDocument((s) => s.analysis);
  const runHash = useTraining((s) => s.origin?.planHash ?? null);
  const step = useTraining((s) => s.run.step);
  const imported = useExchange((s) => s.imported);
  const plan = useMemo(() => compilePlan(doc, analysis), [doc, analysis]);
  const hash = useMemo(() => (plan.ok ? planHash(plan.value) : null), [plan]);
  const source = modelSource(hash, { planHash: runHash, step }, imported);
  const exportModel = async (): Promise<void> => {
    const session = stores.session.getState();
    if (!plan.ok || !source.ok) return;
    let weights: WeightSet | null = source.from === 'imported' ? source.imported.weights : null;
    if (source.from === 'run') weights = (await stores.trainer.getWeights()).weights;
    if (!weights) return session.notify('ui.exchange.modelFailed', { message: 'no weights' }, 'error');
    const names = modelFileNames(doc.name);
    try {
      const files = await exportModelFiles(plan.value, weights, {
        seed: doc.training.seed,
        weightsPath: names.bin,
      });
      downloadBlob(names.json, new Blob([files.modelJson], { type: 'application/json' }));
      downloadBlob(names.bin, new Blob([files.weightData], { type: 'application/octet-stream' }));
      session.notify('ui.exchange.modelSaved', { json: names.json, bin: names.bin });
    } catch (e) {
      session.notify('ui.exchange.modelFailed', { message: (e as Error).message }, 'error');
    }
  };
  return { source, exportModel };
}
