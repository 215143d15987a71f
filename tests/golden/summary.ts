import type { Analysis } from '../../src/analysis/analyze';
import type { ModelPlan } from '../../src/compiler/plan';
import type { Doc } from '../../src/graph/document';

/** One layer of a golden summary. */
export interface SummaryLayer {
  id: string;
  kind: string;
  outputShape: (number | null)[] | null;
  trainable: number;
  nonTrainable: number;
}

/** What a template's golden file pins: every layer's shape and parameters, the totals, the plan's ends. */
export interface TemplateSummary {
  layers: SummaryLayer[];
  totals: { trainable: number; nonTrainable: number; total: number };
  plan: { inputShape: number[]; outputId: string; head: ModelPlan['head']; nodes: number };
}

/** The golden summary of a document, in analysis order. */
export function summarize(doc: Doc, analysis: Analysis, plan: ModelPlan): TemplateSummary {
  const kinds = new Map(doc.layers.map((l) => [l.id, l.kind]));
  const layers = analysis.order.map((id) => {
    const count = analysis.params.get(id);
    return {
      id,
      kind: kinds.get(id)!,
      outputShape: analysis.shapes.get(id) ? [...analysis.shapes.get(id)!] : null,
      trainable: count?.trainable ?? 0,
      nonTrainable: count?.nonTrainable ?? 0,
    };
  });
  const { trainable, nonTrainable, total } = analysis.totals;
  return {
    layers,
    totals: { trainable, nonTrainable, total },
    plan: { inputShape: plan.inputShape, outputId: plan.outputId, head: plan.head, nodes: plan.nodes.length },
  };
}

/** The golden file text: pretty JSON with one line per layer, so a diff shows which layers changed. */
export function summaryText(s: TemplateSummary): string {
  const layers = s.layers.map((l) => `    ${JSON.stringify(l)}`).join(',\n');
  return [
    '{',
    `  "layers": [\n${layers}\n  ],`,
    `  "totals": ${JSON.stringify(s.totals)},`,
    `  "plan": ${JSON.stringify(s.plan)}`,
    '}',
    '',
  ].join('\n');
}
