import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import type { LayerRecord } from '../graph/document';
import type { LayerSpec, Params } from '../layers/spec';

/** Checks each parameter against its declared type and bounds. */
export function checkParams(layer: LayerRecord, spec: LayerSpec, p: Params): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, ps] of Object.entries(spec.params)) {
    const v = p[name];
    const target = { kind: 'node' as const, nodeId: layer.id, param: name };
    const values = { layer: layer.name, param: name, value: String(v) };
    if (ps.type === 'int' || ps.type === 'float') {
      const bad = typeof v !== 'number' || !Number.isFinite(v) || (ps.type === 'int' && !Number.isInteger(v));
      if (bad) out.push(diagnostic('param/invalid', 'error', target, values));
      else if (v < ps.min || v > ps.max) {
        out.push(diagnostic('param/out-of-range', 'error', target, { ...values, min: ps.min, max: ps.max }));
      }
    } else if (ps.type === 'enum') {
      if (typeof v !== 'string' || !ps.options.includes(v)) {
        out.push(diagnostic('param/invalid', 'error', target, values));
      }
    } else if (ps.type === 'text') {
      if (typeof v !== 'string' || v.length > ps.maxLength || !new RegExp(ps.pattern).test(v)) {
        out.push(diagnostic('param/invalid', 'error', target, values));
      }
    } else if (typeof v !== 'boolean') {
      out.push(diagnostic('param/invalid', 'error', target, values));
    }
  }
  return out;
}
