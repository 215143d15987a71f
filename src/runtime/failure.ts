import { failureMessage, isOutOfMemory, type FailureText } from '../training/failure-text';
import type { FailedDiagnostic, TrainFailureCode } from '../training/protocol';
import { BackendError } from './backend';
import { PlanError } from './build-model';

/**
 * A run failure with its stable code; thrown inside the run and posted as 'failed'. Its
 * text is a catalog key and values (the English message is made from them, and a UI
 * renders them in its language), or plain English where no catalog entry exists yet.
 */
export class TrainFailure extends Error {
  override readonly name = 'TrainFailure';
  /** The catalog text, or undefined for a plain English message. */
  readonly text: FailureText | undefined;
  constructor(
    readonly code: TrainFailureCode,
    text: FailureText | string,
    readonly nodeId?: string,
  ) {
    super(typeof text === 'string' ? text : failureMessage(text));
    this.text = typeof text === 'string' ? undefined : text;
  }
}

/** A diagnostic from its parts, leaving out a missing node. */
function diagnostic(code: TrainFailureCode, text: FailureText | undefined, message: string, nodeId?: string) {
  const d: FailedDiagnostic = text
    ? { code, message, key: text.key, values: text.values }
    : { code, message };
  if (nodeId !== undefined) d.nodeId = nodeId;
  return d;
}

/** The 'failed' diagnostic for anything thrown inside a run. */
export function diagnosticOf(e: unknown): FailedDiagnostic {
  if (e instanceof TrainFailure) return diagnostic(e.code, e.text, e.message, e.nodeId);
  if (e instanceof PlanError) {
    const text = e.text ?? { key: 'plan', values: { error: e.message } };
    return diagnostic('train/plan', text, e.message, e.nodeId);
  }
  if (e instanceof BackendError)
    return diagnostic('train/backend', { key: 'backend', values: { error: e.message } }, e.message);
  const error = e instanceof Error ? e.message : String(e);
  if (isOutOfMemory(error)) {
    const text = { key: 'out-of-memory', values: { error } };
    return diagnostic('train/out-of-memory', text, failureMessage(text));
  }
  const text = { key: 'internal', values: { error } };
  return diagnostic('train/internal', text, failureMessage(text));
}
