import type { TrainFailureCode } from '../training/protocol';
import { BackendError } from './backend';
import { PlanError } from './build-model';

/** A run failure with its stable code; thrown inside the run and posted as 'failed'. */
export class TrainFailure extends Error {
  override readonly name = 'TrainFailure';
  constructor(
    readonly code: TrainFailureCode,
    message: string,
    readonly nodeId?: string,
  ) {
    super(message);
  }
}

/** The 'failed' diagnostic for anything thrown inside a run. */
export function diagnosticOf(e: unknown): { code: TrainFailureCode; message: string; nodeId?: string } {
  if (e instanceof TrainFailure)
    return e.nodeId
      ? { code: e.code, message: e.message, nodeId: e.nodeId }
      : { code: e.code, message: e.message };
  if (e instanceof PlanError)
    return e.nodeId
      ? { code: 'train/plan', message: e.message, nodeId: e.nodeId }
      : { code: 'train/plan', message: e.message };
  if (e instanceof BackendError) return { code: 'train/backend', message: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'train/internal', message: `Training stopped by an internal error: ${message}` };
}
