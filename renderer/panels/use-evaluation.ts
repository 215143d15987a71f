import { useCallback, useEffect, useState } from 'react';
import type { EvalMode, ViewAnswer } from '../../src/training/protocol';
import { useStores, useTraining } from '../state/stores';

/** An evaluation answer. */
export type Evaluation = Extract<ViewAnswer, { type: 'evaluation' }>;

/** Default number of test examples evaluated: enough for a stable matrix, quick to compute. */
export const DEFAULT_EVAL_EXAMPLES = 1000;

/** What the tab holds for one (run, example count). */
interface Slot {
  key: string;
  mode: EvalMode;
  results: Partial<Record<EvalMode, Evaluation>>;
  /** The mode being evaluated, or null. */
  pending: EvalMode | null;
  error: string | null;
}

const fresh = (key: string, requested: boolean): Slot => ({
  key,
  mode: 'predict',
  results: {},
  pending: requested ? 'predict' : null,
  error: null,
});

/**
 * Evaluates the last ended run in the worker (unless `enabled` is false), once per mode and example count (a new
 * run or count starts over in prediction mode). Switching the mode evaluates in that
 * mode the first time, then switches between the kept results.
 */
export function useEvaluation(examples: number, enabled = true) {
  const stores = useStores();
  const ended = useTraining((s) =>
    s.run.phase === 'finished' || s.run.phase === 'failed' ? s.run.runId : null,
  );
  // A disabled evaluation (a regression run: no classes to evaluate) asks the worker nothing.
  const runId = enabled ? ended : null;
  const key = `${runId}:${examples}`;
  const [slot, setSlot] = useState<Slot>(() => fresh('', false));
  const current = slot.key === key ? slot : fresh(key, runId !== null);

  const request = useCallback(
    (mode: EvalMode) => {
      if (!runId) return;
      void stores.trainer.view({ type: 'evaluate', runId, mode, maxExamples: examples }).then((a) =>
        setSlot((s) => {
          const base = s.key === key ? s : fresh(key, true);
          if (a.type === 'evaluation')
            return { ...base, pending: null, results: { ...base.results, [mode]: a } };
          return { ...base, pending: null, error: a.type === 'view-failed' ? a.message : null };
        }),
      );
    },
    [runId, examples, key, stores],
  );

  useEffect(() => request('predict'), [request]);

  const setMode = (mode: EvalMode): void => {
    if (current.results[mode]) return setSlot({ ...current, mode });
    setSlot({ ...current, mode, pending: mode, error: null });
    request(mode);
  };
  return {
    runId,
    mode: current.mode,
    results: current.results,
    busy: current.pending !== null,
    error: current.error,
    setMode,
  };
}
