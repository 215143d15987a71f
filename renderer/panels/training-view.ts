import type { Diagnostic } from '../../src/diagnostics/diagnostic';
import type { TrainingState } from '../state/training-reducer';

/** Why Train is disabled: the first error and how many there are, or null when training may start. */
export function trainBlock(diagnostics: readonly Diagnostic[]): { message: string; count: number } | null {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return errors.length === 0 ? null : { message: errors[0]!.message, count: errors.length };
}

/** Progress of a run as the progress bar shows it. */
export interface RunProgress {
  /** Steps done and planned. */
  value: number;
  max: number;
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  examplesPerSec: number;
  /** Estimated seconds left, or null while unknown. */
  secondsLeft: number | null;
}

/** Derives the progress numbers from the training state (pure). */
export function progressOf(run: TrainingState): RunProgress {
  const max = Math.max(1, run.epochs * run.batchesPerEpoch);
  const value = Math.min(run.step, max);
  const perSec = run.examplesPerSec;
  const secondsLeft = perSec > 0 && run.batchSize > 0 ? ((max - value) * run.batchSize) / perSec : null;
  return {
    value,
    max,
    epoch: Math.max(1, Math.min(run.epoch, run.epochs)),
    epochs: run.epochs,
    batch: run.batchInEpoch,
    batches: run.batchesPerEpoch,
    examplesPerSec: perSec,
    secondsLeft: run.phase === 'running' || run.phase === 'paused' ? secondsLeft : null,
  };
}

/** Seconds as `m:ss`, or `h:mm:ss` from an hour on. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The catalog key of a run's status line, or null when the phase needs no line. */
export function statusKey(run: Pick<TrainingState, 'phase' | 'finishReason'>): string | null {
  switch (run.phase) {
    case 'idle':
      return 'ui.training.idle';
    case 'starting':
      return 'ui.training.starting';
    case 'paused':
      return 'ui.training.paused';
    case 'finished':
      return `ui.training.finished.${run.finishReason ?? 'completed'}`;
    default:
      return null;
  }
}
