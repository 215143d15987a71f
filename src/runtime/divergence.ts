import en from '../../assets/locales/en.json';
import type { Batch } from '../data/batches';
import { formatMessage } from '../util/format';
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

const texts = (en as unknown as { trainFailure: Record<string, string> }).trainFailure;

/** The English 'train/non-finite' message for a site (or for the loss alone when no layer was found). */
export function nonFiniteMessage(ctx: StepContext, site: NonFiniteSite | null, at: FailedStep): string {
  const values = {
    step: at.step,
    epoch: at.epoch,
    batch: at.batch,
    loss: String(at.loss),
    lr: String(at.lr),
    layer: site ? (ctx.plan.nodes.find((n) => n.id === site.nodeId)?.name ?? site.nodeId) : '',
  };
  return formatMessage(texts[site ? `non-finite-${site.stage}` : 'non-finite-loss'] ?? '', values);
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
  const failure = new TrainFailure('train/non-finite', nonFiniteMessage(ctx, site, at), site?.nodeId);
  return { failure, site };
}
