import { analyze, type Analysis } from '../analysis/analyze';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic';
import type { Doc, LayerRecord } from '../graph/document';
import { incomingByTarget } from '../graph/queries';
import { isHeadLayer, specOf, withDefaults } from '../layers/registry';
import { err, ok, type Result } from '../util/result';

/** One layer of a compiled model, named by its graph node id. */
export interface PlanNode {
  id: string;
  name: string;
  kind: string;
  className: string;
  config: Record<string, unknown>;
  /** Ids of the nodes feeding it, in port order (the input node's id for the first layer). */
  inputs: string[];
  outputShape: (number | null)[];
}

/** Softmax + cross-entropy on `[batch, classes]` logits (the Output layer). */
export interface ClassificationHead {
  kind: 'classification';
  classes: number;
}

/** Mean squared or absolute error on `[batch, units]` predictions (the Regression output layer). */
export interface RegressionHead {
  kind: 'regression';
  loss: 'mse' | 'mae';
  units: number;
}

/** How the model's output is turned into a loss: the head layer of the graph. */
export type PlanHead = ClassificationHead | RegressionHead;

/** A deterministic, plain-JSON description of the model to build; the runtime's only input. */
export interface ModelPlan {
  planVersion: 1;
  inputId: string;
  /** Example shape without the batch dimension. */
  inputShape: number[];
  /** Layers in topological order, without the Input and the Output head. */
  nodes: PlanNode[];
  /** The node whose output feeds the head. */
  outputId: string;
  head: PlanHead;
  params: { trainable: number; nonTrainable: number };
}

/** Compiles a document to a plan; refused (with the diagnostics) while any error exists. */
export function compilePlan(doc: Doc, analysis: Analysis = analyze(doc)): Result<ModelPlan, Diagnostic[]> {
  if (hasErrors(analysis.diagnostics)) return err(analysis.diagnostics.filter((d) => d.severity === 'error'));
  const layers = new Map(doc.layers.map((l) => [l.id, l]));
  const offPath = new Set(
    analysis.diagnostics.flatMap((d) =>
      d.code === 'graph/disconnected' && d.target.kind === 'node' ? [d.target.nodeId] : [],
    ),
  );
  const incoming = incomingByTarget(doc);
  const order = analysis.order.filter((id) => !offPath.has(id));
  const input = order.map((id) => layers.get(id)!).find((l) => l.kind === 'input');
  const output = order.map((id) => layers.get(id)!).find(isHeadLayer);
  if (!input || !output) return err([diagnostic(input ? 'graph/no-output' : 'graph/no-input', 'error', { kind: 'document' })]);
  const nodes: PlanNode[] = [];
  for (const id of order) {
    const layer = layers.get(id)!;
    const spec = specOf(layer.kind)!;
    const inputs = (incoming.get(id) ?? []).map((e) => e.source);
    const keras = spec.toKeras(withDefaults(spec, layer.params), inputs.map((s) => analysis.shapes.get(s)!));
    if (!keras) continue;
    nodes.push({
      id,
      name: layer.name,
      kind: layer.kind,
      className: keras.className,
      config: keras.config,
      inputs,
      outputShape: [...analysis.shapes.get(id)!],
    });
  }
  const headIn = analysis.shapes.get(output.id)!;
  const params = { trainable: 0, nonTrainable: 0 };
  for (const id of order) {
    params.trainable += analysis.params.get(id)?.trainable ?? 0;
    params.nonTrainable += analysis.params.get(id)?.nonTrainable ?? 0;
  }
  return ok({
    planVersion: 1,
    inputId: input.id,
    inputShape: analysis.shapes.get(input.id)!.slice(1) as number[],
    nodes,
    outputId: (incoming.get(output.id) ?? [])[0]!.source,
    head: headOf(output, headIn[1] as number),
    params,
  });
}

/** The plan head of a head layer, given the size of its `[batch, n]` input. */
function headOf(layer: LayerRecord, n: number): PlanHead {
  if (layer.kind === 'regression-output') {
    const spec = specOf(layer.kind)!;
    const loss = withDefaults(spec, layer.params).loss === 'mae' ? 'mae' : 'mse';
    return { kind: 'regression', loss, units: n };
  }
  return { kind: 'classification', classes: n };
}
