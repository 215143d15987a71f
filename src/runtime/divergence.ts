import type { Batch } from '../data/batches';
import type { FailureText } from '../training/failure-text';
import { TrainFailure } from './failure';
import { locateNonFinite, type NonFiniteSite } from './non-finite';
import type { StepContext } from './train-step';

/** Where in the run the failing step was. */
export interface FailedStep {
  step: number;
  epoch: number;
  /** 1-based batch of the epoch. */
  batch: number;
  loss: number;
  lr: number;
  dropoutSeed: number;
}

/** The 'train/non-finite' text for a site (or for the loss alone when no layer was found). */
export function nonFiniteText(ctx: StepContext, site: NonFiniteSite | null, at: FailedStep): FailureText {
  const values = {
    step: at.step,
    epoch: at.epoch,
    batch: at.batch,
    loss: String(at.loss),
    lr: String(at.lr),
    layer: site ? (ctx.plan.nodes.find((n) => n.id === site.nodeId)?.name ?? site.nodeId) : '',
  };
  return { key: site ? `non-finite-${site.stage}` : 'non-finite-loss', values };
}

/**
 * Builds the failure of a step whose loss or new weights were not finite. The step
 * wrote nothing, so the model holds the last good weights; this re-runs the batch with
 * them to name the first layer that went wrong (see locateNonFinite).
 */
export async function divergenceFailure(
  ctx: StepContext,
  batch: Batch,
  at: FailedStep,
): Promise<{ failure: TrainFailure; site: NonFiniteSite | null }> {
  const site = await locateNonFinite(ctx, batch, at.dropoutSeed, at.lr);
  const failure = new TrainFailure('train/non-finite', nonFiniteText(ctx, site, at), site?.nodeId);
  return { failure, site };
}
