import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import { datasetInfo } from '../graph/datasets';
import type { Doc, LayerRecord } from '../graph/document';
import { incomingByTarget, topoOrder } from '../graph/queries';
import { isHeadLayer, specOf, withDefaults } from '../layers/registry';
import type { InferContext, ParamCount } from '../layers/spec';
import { featureSize, type Shape } from '../tensor/shape';
import { checkParams } from './check-params';
import { checkStructure } from './check-structure';

/** Bytes of one float32 value: what an activation costs in memory. */
export const BYTES_PER_VALUE = 4;

/** Per-node outcome: inferred, failed here, or blocked by a failure upstream. */
export type NodeStatus = 'ok' | 'error' | 'blocked';

/** Everything derived from a document; never saved. */
export interface Analysis {
  order: string[];
  shapes: ReadonlyMap<string, Shape>;
  params: ReadonlyMap<string, ParamCount>;
  macs: ReadonlyMap<string, number>;
  /**
   * Bytes of each layer's output for one example (values × 4, float32): what the forward
   * pass keeps per example for the backward pass. Heads produce no new tensor: 0.
   */
  activationBytes: ReadonlyMap<string, number>;
  status: ReadonlyMap<string, NodeStatus>;
  diagnostics: Diagnostic[];
  totals: { trainable: number; nonTrainable: number; total: number; macs: number; activationBytes: number };
  /** The output shape of the model (the head's input), when known. */
  outputShape: Shape | null;
}

/** Infers shapes and parameter counts and collects every problem of a document. */
export function analyze(doc: Doc): Analysis {
  const info = datasetInfo(doc.dataset);
  const name = doc.dataset.kind === 'imported' ? doc.dataset.name : doc.dataset.id;
  const ctx: InferContext = { dataset: info && { ...info, name } };
  const diagnostics = checkStructure(doc);
  const topo = topoOrder(doc);
  const order = topo.ok ? topo.order : [];
  if (!topo.ok) {
    for (const id of new Set(topo.cycle)) {
      diagnostics.push(
        diagnostic('graph/cycle', 'error', { kind: 'node', nodeId: id }, { path: namesOf(doc, topo.cycle) }),
      );
    }
  }
  const result = inferAll(doc, order, ctx, diagnostics);
  softenOffPath(diagnostics);
  const totals = { trainable: 0, nonTrainable: 0, total: 0, macs: 0, activationBytes: 0 };
  for (const [id, c] of result.params) {
    totals.trainable += c.trainable;
    totals.nonTrainable += c.nonTrainable;
    totals.macs += result.macs.get(id) ?? 0;
    totals.activationBytes += result.activationBytes.get(id) ?? 0;
  }
  totals.total = totals.trainable + totals.nonTrainable;
  const out = doc.layers.find(isHeadLayer);
  return { order, ...result, diagnostics, totals, outputShape: (out && result.shapes.get(out.id)) ?? null };
}

/**
 * A layer that is on no input-to-output path is not compiled, so its problems
 * cannot stop training: they are reported as warnings.
 */
function softenOffPath(diagnostics: Diagnostic[]): void {
  const offPath = new Set(
    diagnostics.flatMap((d) =>
      d.code === 'graph/disconnected' && d.target.kind === 'node' ? [d.target.nodeId] : [],
    ),
  );
  for (const d of diagnostics) {
    if (d.target.kind === 'node' && offPath.has(d.target.nodeId) && d.severity === 'error')
      d.severity = 'warning';
  }
}

function namesOf(doc: Doc, ids: readonly string[]): string {
  const names = new Map(doc.layers.map((l) => [l.id, l.name]));
  return ids.map((id) => names.get(id) ?? id).join(' → ');
}

/** Walks the layers in order, inferring each from its inputs' shapes. */
function inferAll(doc: Doc, order: string[], ctx: InferContext, diagnostics: Diagnostic[]) {
  const layers = new Map(doc.layers.map((l) => [l.id, l]));
  const incoming = incomingByTarget(doc);
  const shapes = new Map<string, Shape>();
  const params = new Map<string, ParamCount>();
  const macs = new Map<string, number>();
  const activationBytes = new Map<string, number>();
  const status = new Map<string, NodeStatus>();
  for (const layer of doc.layers) status.set(layer.id, 'blocked');
  for (const id of order) {
    const layer = layers.get(id)!;
    const s = inferOne(layer, incoming.get(id) ?? [], shapes, status, ctx, diagnostics);
    status.set(id, s.status);
    if (s.status !== 'ok') continue;
    shapes.set(id, s.shape);
    params.set(id, s.count);
    macs.set(id, s.macs);
    activationBytes.set(id, specOf(layer.kind)!.hasOutput ? featureSize(s.shape) * BYTES_PER_VALUE : 0);
  }
  return { shapes, params, macs, activationBytes, status };
}

type OneResult =
  { status: 'ok'; shape: Shape; count: ParamCount; macs: number } | { status: 'error' | 'blocked' };

function inferOne(
  layer: LayerRecord,
  incoming: readonly { source: string; targetPort: number }[],
  shapes: Map<string, Shape>,
  status: Map<string, NodeStatus>,
  ctx: InferContext,
  diagnostics: Diagnostic[],
): OneResult {
  const spec = specOf(layer.kind);
  if (!spec) return { status: 'error' };
  const p = withDefaults(spec, layer.params);
  const paramProblems = checkParams(layer, spec, p);
  diagnostics.push(...paramProblems);
  if (incoming.length < spec.inputs.min || incoming.length > spec.inputs.max) return { status: 'error' };
  if (incoming.some((e) => status.get(e.source) !== 'ok')) return { status: 'blocked' };
  if (paramProblems.length > 0) return { status: 'error' };
  const inputs = incoming.map((e) => shapes.get(e.source)!);
  const r = spec.infer(inputs, p, ctx);
  if (!r.ok) {
    for (const pr of r.problems) {
      const target = {
        kind: 'node' as const,
        nodeId: layer.id,
        ...(pr.param ? { param: pr.param } : {}),
        ...(pr.port !== undefined ? { port: pr.port } : {}),
      };
      diagnostics.push(diagnostic(pr.code, 'error', target, { layer: layer.name, ...pr.values }));
    }
    return { status: 'error' };
  }
  return {
    status: 'ok',
    shape: r.shape,
    count: spec.countParams(inputs, p),
    macs: spec.macs(inputs, r.shape, p),
  };
}
