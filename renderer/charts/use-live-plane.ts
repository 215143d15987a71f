import { useEffect, useMemo, useState } from 'react';
import type { DatasetRef } from '../../src/graph/document';
import type { FromTrainer } from '../../src/training/protocol';
import { importedKey } from '../state/bundle-datasets';
import type { ImportedData } from '../state/dataset-store';
import { useDatasets, useDocument, useStores, useTraining } from '../state/stores';

/** The trainer's live views of the input plane: decision boundary, fit curve, prediction surface. */
type PlaneMsgType = 'boundary' | 'fit' | 'surface';

type PlaneMsg<K extends PlaneMsgType> = Extract<FromTrainer, { type: K }>;

/**
 * What a live plane view draws: the data points of the project's dataset (built-in or
 * imported, as `pointsOf` reads them) and the trainer's latest message of `type` for the
 * current run (null before one arrives, or when it belongs to an earlier run).
 */
export function useLivePlane<K extends PlaneMsgType, P>(
  type: K,
  pointsOf: (ref: DatasetRef, imported: ImportedData | undefined) => P,
): { shown: PlaneMsg<K> | null; points: P } {
  const stores = useStores();
  const dataset = useDocument((s) => s.doc.dataset);
  const runId = useTraining((s) => s.run.runId);
  const imported = useDatasets((s) =>
    dataset.kind === 'imported' ? s.byHash[importedKey(dataset)] : undefined,
  );
  const points = useMemo(() => pointsOf(dataset, imported), [pointsOf, dataset, imported]);
  const [latest, setLatest] = useState<{ msg: PlaneMsg<K>; runId: string } | null>(null);
  useEffect(
    () =>
      stores.trainer.subscribe((msg) => {
        const plane = msg.type === 'boundary' || msg.type === 'fit' || msg.type === 'surface';
        if (plane && msg.type === type) setLatest({ msg: msg as PlaneMsg<K>, runId: msg.runId });
      }),
    [stores, type],
  );
  return { shown: latest && latest.runId === runId ? latest.msg : null, points };
}
