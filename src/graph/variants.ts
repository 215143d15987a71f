import { err, ok, type Result } from '../util/result';
import { checkConnection, type ConnectRejection } from './connect-rules';
import type { Doc, EdgeRecord, ExperimentKind } from './document';

/** Why a variant could not be built: a wire of the bypass was refused by the connect rules. */
export interface VariantError {
  /** The batch-norm layer being bypassed. */
  layer: string;
  rejection: ConnectRejection;
}

/**
 * The same network without its batch-norm layers: each one's input is wired straight to
 * every port its output fed (same port numbers), and the layer is removed. Every new wire
 * is checked by the connect rules (a bypass can collide with a wire that already joins the
 * same two layers, for instance). A batch-norm layer with no input just goes, with its
 * outgoing wires. Training settings, dataset and runs are kept.
 */
export function withoutBatchNorm(doc: Doc): Result<Doc, VariantError> {
  let current: Doc = doc;
  for (const bn of doc.layers.filter((l) => l.kind === 'batch-norm')) {
    const incoming = current.edges.find((e) => e.target === bn.id);
    const outgoing = current.edges.filter((e) => e.source === bn.id);
    let edges: EdgeRecord[] = current.edges.filter((e) => e.source !== bn.id && e.target !== bn.id);
    const layers = current.layers.filter((l) => l.id !== bn.id);
    if (incoming) {
      for (const out of outgoing) {
        const check = checkConnection({ layers, edges }, incoming.source, out.target, out.targetPort);
        if (!check.ok) return err({ layer: bn.name, rejection: check.error });
        edges = [...edges, { ...out, source: incoming.source }];
      }
    }
    current = { ...current, layers, edges };
  }
  return ok(current);
}

/** True when the document has batch-norm layers (the with/without experiment needs some). */
export const hasBatchNorm = (doc: Pick<Doc, 'layers'>): boolean =>
  doc.layers.some((l) => l.kind === 'batch-norm');

/** One run of an experiment: which variant, and the document it trains. */
export interface ExperimentVariant {
  variant: string;
  doc: Doc;
}

/** What an experiment varies. */
export type ExperimentSpec =
  | { kind: 'batch-norm' }
  | { kind: 'lr-ladder'; rates: readonly number[] }
  | { kind: 'seeds'; seeds: readonly number[] };

/** Why an experiment cannot run. */
export type ExperimentError =
  { code: 'no-batch-norm' } | { code: 'empty' } | { code: 'variant'; error: VariantError };

/**
 * The documents an experiment trains, in order, all with the document's own seed and
 * settings except the one thing varied: with and without batch norm; one learning rate
 * per rung of the ladder; one seed each ("same model, different seeds").
 */
export function experimentVariants(
  doc: Doc,
  spec: ExperimentSpec,
): Result<ExperimentVariant[], ExperimentError> {
  switch (spec.kind) {
    case 'batch-norm': {
      if (!hasBatchNorm(doc)) return err({ code: 'no-batch-norm' });
      const without = withoutBatchNorm(doc);
      if (!without.ok) return err({ code: 'variant', error: without.error });
      return ok([
        { variant: 'with-bn', doc },
        { variant: 'without-bn', doc: without.value },
      ]);
    }
    case 'lr-ladder':
      if (spec.rates.length === 0) return err({ code: 'empty' });
      return ok(
        spec.rates.map((lr) => ({
          variant: 'lr',
          doc: { ...doc, training: { ...doc.training, learningRate: lr } },
        })),
      );
    case 'seeds':
      if (spec.seeds.length === 0) return err({ code: 'empty' });
      return ok(
        spec.seeds.map((seed) => ({ variant: 'seed', doc: { ...doc, training: { ...doc.training, seed } } })),
      );
  }
}

/** The kinds of experiment, in menu order. */
export const EXPERIMENTS: readonly ExperimentKind[] = ['batch-norm', 'lr-ladder', 'seeds'];
