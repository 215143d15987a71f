import { compilePlan } from '../../src/compiler/plan';
import { planHash } from '../../src/compiler/plan-hash';
import {
  matchWeights,
  packWeightSet,
  type NamedTensor,
  type WeightSet,
} from '../../src/compiler/tfjs-weights';
import type { Doc } from '../../src/graph/document';
import type { RequestOf } from '../../src/ipc/channels';
import type { Result } from '../../src/util/result';
import type { AppStores } from '../state/stores';
import { modelSource } from './use-export-model';

/** Trained weights that belong with the current document, and the plan hash they fit. */
export interface ProjectWeights {
  planHash: string;
  weights: WeightSet;
}

/**
 * The weights to save with the document now: the last run's (fetched from the worker) when
 * it trained this very network, else weights loaded or imported for it; null when there are
 * none, or the network changed since (they would no longer fit).
 */
export async function weightsToKeep(stores: AppStores): Promise<ProjectWeights | null> {
  const { doc, analysis } = stores.document.getState();
  const plan = compilePlan(doc, analysis);
  const hash = plan.ok ? planHash(plan.value) : null;
  const t = stores.training.getState();
  const source = modelSource(
    hash,
    { planHash: t.origin?.planHash ?? null, step: t.run.step },
    stores.exchange.getState().imported,
  );
  if (hash === null || !source.ok) return null;
  if (source.from === 'imported') return { planHash: hash, weights: source.imported.weights };
  const r = await stores.trainer.getWeights();
  return r.weights ? { planHash: hash, weights: r.weights } : null;
}

/** Weights as the `project:save` request carries them. */
export function weightsPayload(w: ProjectWeights): NonNullable<RequestOf<'project:save'>['weights']> {
  return {
    planHash: w.planHash,
    specs: w.weights.specs.map(({ name, shape }) => ({ name, shape: [...shape] })),
    bin: new Uint8Array(w.weights.data),
  };
}

/** What became of the weights found with an opened project. */
export type WeightsOutcome =
  { kind: 'none' } | { kind: 'loaded' } | { kind: 'stale' } | { kind: 'unreadable'; message: string };

/**
 * Takes the weights found with a project just opened (`found`: read, or why not; null when
 * there were none) into the session when they fit `doc`'s network: the next run starts from
 * them and Export trained model can export them. Weights for another network are ignored
 * (stale); the file is never touched. Earlier loaded or imported weights are dropped.
 */
export function adoptWeights(
  stores: AppStores,
  doc: Doc,
  found: Result<{ planHash: string; tensors: NamedTensor[] }, string> | null,
  file: string,
): WeightsOutcome {
  const exchange = stores.exchange.getState();
  exchange.setImported(null);
  if (found === null) return { kind: 'none' };
  if (!found.ok) return { kind: 'unreadable', message: found.error };
  const plan = compilePlan(doc);
  if (!plan.ok || planHash(plan.value) !== found.value.planHash) return { kind: 'stale' };
  const matched = matchWeights(plan.value, found.value.tensors);
  if (!matched.ok) return { kind: 'unreadable', message: matched.error };
  exchange.setImported({ planHash: found.value.planHash, weights: packWeightSet(matched.value), file });
  return { kind: 'loaded' };
}

/** Tells the user what an open did: the document's name and what happened to its weights. */
export function notifyOpened(stores: AppStores, name: string, outcome: WeightsOutcome): void {
  const session = stores.session.getState();
  switch (outcome.kind) {
    case 'none':
      return session.notify('ui.notice.opened', { name });
    case 'loaded':
      return session.notify('ui.notice.openedWithWeights', { name });
    case 'stale':
      return session.notify('ui.notice.weightsStale', { name }, 'error');
    case 'unreadable':
      return session.notify('ui.notice.weightsUnreadable', { name, message: outcome.message }, 'error');
  }
}
