import type { Analysis } from '../../src/analysis/analyze';
import type { Doc } from '../../src/graph/document';
import { formatShape } from '../../src/tensor/shape';

/** One row of the model summary, already formatted where it is not a number. */
export interface SummaryRow {
  id: string;
  name: string;
  kind: string;
  /** Output shape as text, or null when unknown. */
  shape: string | null;
  /** Parameters (trainable + non-trainable), or null when unknown. */
  params: number | null;
  /** Multiply-accumulates per example, or null when unknown. */
  macs: number | null;
}

/** Totals row of the model summary. */
export interface SummaryTotals {
  params: number;
  trainable: number;
  nonTrainable: number;
  macs: number;
}

/**
 * The Keras-like summary of a document (pure): layers in computation order (layers
 * analysis could not order follow in document order), with shape, parameters, MACs.
 */
export function summaryRows(doc: Doc, analysis: Analysis): { rows: SummaryRow[]; totals: SummaryTotals } {
  const byId = new Map(doc.layers.map((l) => [l.id, l]));
  const ordered = analysis.order.filter((id) => byId.has(id));
  const seen = new Set(ordered);
  const ids = [...ordered, ...doc.layers.map((l) => l.id).filter((id) => !seen.has(id))];
  const rows = ids.map((id) => {
    const layer = byId.get(id)!;
    const shape = analysis.shapes.get(id);
    const count = analysis.params.get(id);
    return {
      id,
      name: layer.name,
      kind: layer.kind,
      shape: shape ? formatShape(shape) : null,
      params: count ? count.trainable + count.nonTrainable : null,
      macs: analysis.macs.get(id) ?? null,
    };
  });
  const { total, trainable, nonTrainable, macs } = analysis.totals;
  return { rows, totals: { params: total, trainable, nonTrainable, macs } };
}
