import { analyze } from '../analysis/analyze';
import { hasErrors } from '../diagnostics/diagnostic';
import type { Doc } from '../graph/document';
import { formatShape } from '../tensor/shape';

/**
 * The machine-readable summary printed by `layerloom summary --json`. Per layer and in
 * total: parameters, MACs and activation memory per example (`activationBytes`, float32).
 */
export function summaryJson(doc: Doc) {
  const a = analyze(doc);
  const layers = a.order.flatMap((id) => {
    const layer = doc.layers.find((l) => l.id === id)!;
    const shape = a.shapes.get(id);
    const count = a.params.get(id);
    return [
      {
        id,
        kind: layer.kind,
        outputShape: shape ? [...shape] : null,
        trainableParams: count?.trainable ?? 0,
        nonTrainableParams: count?.nonTrainable ?? 0,
        macs: a.macs.get(id) ?? 0,
        activationBytes: a.activationBytes.get(id) ?? 0,
      },
    ];
  });
  return {
    layers,
    totalParams: a.totals.total,
    trainableParams: a.totals.trainable,
    nonTrainableParams: a.totals.nonTrainable,
    totalMacs: a.totals.macs,
    activationBytes: a.totals.activationBytes,
    outputShape: a.outputShape ? [...a.outputShape] : null,
    diagnostics: a.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      target: d.target,
      message: d.message,
    })),
    ok: !hasErrors(a.diagnostics),
  };
}

/** A Keras-style text table of the same summary. */
export function summaryText(doc: Doc): string {
  const s = summaryJson(doc);
  const names = new Map(doc.layers.map((l) => [l.id, l.name]));
  const rows = s.layers.map((l) => [
    `${names.get(l.id)} (${l.kind})`,
    l.outputShape ? formatShape(l.outputShape) : '—',
    String(l.trainableParams + l.nonTrainableParams),
    String(l.macs),
    formatBytes(l.activationBytes),
  ]);
  const head = ['Layer (kind)', 'Output shape', 'Params', 'MACs', 'Activations'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
  out.push('', `Total params: ${s.totalParams}`, `Trainable params: ${s.trainableParams}`);
  out.push(`Non-trainable params: ${s.nonTrainableParams}`);
  out.push(
    `MACs per example: ${s.totalMacs}`,
    `Activation memory per example: ${formatBytes(s.activationBytes)}`,
  );
  for (const d of s.diagnostics) out.push(`${d.severity}: ${d.code}: ${d.message}`);
  return `${out.join('\n')}\n`;
}

/** Bytes as people read them: 13.5 KiB, 2.1 MiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}
