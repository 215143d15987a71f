import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { planHash } from '../../src/compiler/plan-hash';
import { compilePlan } from '../../src/compiler/plan';
import {
  checkpointStatus,
  decodeRunCheckpoint,
  type CheckpointStatus,
  type RunCheckpoint,
} from '../../src/training/checkpoint-record';
import type { BackupHost } from '../host/backup-host';
import { platformHost } from '../host/platform-host';
import { projectKey, startCheckpointKeeper } from '../state/run-checkpoints';
import { useDocument, useStores, useTraining } from '../state/stores';
import { isLive } from '../state/training-reducer';
import { useTrainingActions } from './use-training-actions';

/** A stored run the Training panel offers to resume, and whether it still fits the project. */
export interface ResumeOffer {
  record: RunCheckpoint;
  status: Exclude<CheckpointStatus, { kind: 'finished' }>;
}

/**
 * Keeps the current run's latest checkpoint in the platform's store, and offers the
 * checkpoint of an unfinished run of the open project (looked up at start-up and when
 * a project is opened). The offer goes once a run starts, is resumed or is discarded.
 */
export function useRunCheckpoint(): { offer: ResumeOffer | null; resume(): void; discard(): void } {
  const stores = useStores();
  const actions = useTrainingActions();
  // A ref survives StrictMode's second effect run, so there is one host for the window.
  const host = useRef<BackupHost | null | undefined>(undefined);
  const hostOf = useCallback(
    () => (host.current === undefined ? (host.current = platformHost()) : host.current),
    [],
  );
  const doc = useDocument((s) => s.doc);
  const analysis = useDocument((s) => s.analysis);
  const loadCount = useDocument((s) => s.loadCount);
  const filePath = useStore(stores.saved, (s) => s.filePath);
  const live = useTraining((s) => isLive(s.run.phase));
  const key = projectKey(doc.name, filePath);
  const [stored, setStored] = useState<{ key: string; record: RunCheckpoint } | null>(null);

  useEffect(() => {
    const h = hostOf();
    if (h === null) return;
    const onError = (e: unknown) =>
      stores.session.getState().notify('ui.training.resumeOffer.saveFailed', { message: String(e) }, 'error');
    const stopKeeper = startCheckpointKeeper({
      trainer: stores.trainer,
      training: stores.training,
      host: h,
      onError,
    });
    // Once a run starts, the offer is spent (that run's checkpoints replace the stored one).
    const offRuns = stores.training.subscribe((s, prev) => {
      if (s.run.runId !== prev.run.runId && s.run.runId !== null) setStored(null);
    });
    return () => {
      stopKeeper();
      offRuns();
    };
  }, [stores, hostOf]);

  useEffect(() => {
    const h = hostOf();
    if (h === null) return;
    let current = true;
    const found = (bytes: Uint8Array | null) => {
      if (!current) return;
      const decoded = bytes === null ? null : decodeRunCheckpoint(bytes);
      if (decoded && !decoded.ok) {
        stores.session
          .getState()
          .notify('ui.training.resumeOffer.unreadable', { message: decoded.error }, 'error');
      }
      setStored(decoded?.ok ? { key, record: decoded.value } : null);
    };
    h.getCheckpoint(key).then(found, () => found(null));
    return () => {
      current = false;
    };
  }, [key, loadCount, stores, hostOf]);

  const status = useMemo(() => {
    if (stored === null) return null;
    const plan = compilePlan(doc, analysis);
    const now = {
      planHash: plan.ok ? planHash(plan.value) : null,
      dataset: doc.dataset,
      config: doc.training,
    };
    return checkpointStatus(stored.record, now);
  }, [stored, doc, analysis]);

  const offer = useMemo<ResumeOffer | null>(
    () =>
      stored && status && status.kind !== 'finished' && stored.key === key && !live
        ? { record: stored.record, status }
        : null,
    [stored, status, key, live],
  );
  const resume = useCallback(() => {
    if (offer?.status.kind !== 'resumable') return;
    setStored(null);
    actions.resumeFrom(offer.record);
  }, [offer, actions]);
  const discard = useCallback(() => {
    setStored(null);
    void hostOf()
      ?.deleteCheckpoint(key)
      .catch(() => undefined);
  }, [key, hostOf]);
  return { offer, resume, discard };
}
