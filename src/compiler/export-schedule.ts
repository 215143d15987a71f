import type { TrainingConfig } from '../graph/document';
import { py } from './export-common';

/** The `SCHEDULE = {...}` line of an exported Python file: the project's learning-rate schedule. */
export function scheduleLine(c: TrainingConfig): string {
  const s = c.schedule;
  return `SCHEDULE = ${py({ kind: s.kind, warmup_steps: s.warmupSteps, every_epochs: s.kind === 'step' ? s.everyEpochs : null, gamma: s.kind === 'step' ? s.gamma : null })}`;
}

/**
 * The schedule as a plain Python function (no framework), shared by the PyTorch and Keras
 * exports so both train with exactly the app's rates (src/training/schedule.ts).
 */
export const PY_LR_FACTOR = String.raw`def lr_factor(step, epoch, total_steps):
    """The app's schedule (src/training/schedule.ts): warm-up x decay; step and epoch are 1-based."""
    warm = SCHEDULE["warmup_steps"]
    factor = 1.0 if warm <= 0 else min(1.0, step / warm)
    if SCHEDULE["kind"] == "step":
        factor *= SCHEDULE["gamma"] ** ((epoch - 1) // SCHEDULE["every_epochs"])
    elif SCHEDULE["kind"] == "cosine":
        span, t = total_steps - warm, step - warm - 1
        if span > 0 and t >= 0:
            factor *= 0.5 * (1 + math.cos(math.pi * min(t, span) / span))
    return factor`;
