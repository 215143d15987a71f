import type { ParamSpec } from '../../src/layers/spec';
import type { MessageValues } from '../../src/util/format';

/** A parsed field: the value, or a catalog key (with values) saying what is wrong. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; key: string; values: MessageValues };

const bad = (key: string, values: MessageValues = {}): { ok: false; key: string; values: MessageValues } => ({
  ok: false,
  key,
  values,
});

/** Rules for a numeric field. */
export interface NumberRule {
  integer: boolean;
  min?: number;
  max?: number;
  /** Require a value above 0 (for rates). */
  positive?: boolean;
}

/** Parses a number typed by the user; never throws. */
export function parseNumber(text: string, rule: NumberRule): Parsed<number> {
  const s = text.trim();
  if (s === '') return bad('ui.validate.required');
  const n = Number(s);
  if (!Number.isFinite(n)) return bad('ui.validate.notNumber');
  if (rule.integer && !Number.isInteger(n)) return bad('ui.validate.notInteger');
  if (rule.positive && n <= 0) return bad('ui.validate.positive');
  const { min, max } = rule;
  if (min !== undefined && max !== undefined && (n < min || n > max))
    return bad('ui.validate.range', { min, max });
  if (min !== undefined && n < min) return bad('ui.validate.min', { min });
  if (max !== undefined && n > max) return bad('ui.validate.max', { max });
  return { ok: true, value: n };
}

/** Parses a numeric layer parameter against its spec's type and bounds. */
export function parseParam(ps: Extract<ParamSpec, { type: 'int' | 'float' }>, text: string): Parsed<number> {
  return parseNumber(text, { integer: ps.type === 'int', min: ps.min, max: ps.max });
}

/** Parses a free-text parameter: it must match the spec's pattern in full and fit its length. */
export function parseTextParam(ps: Extract<ParamSpec, { type: 'text' }>, text: string): Parsed<string> {
  const s = text.trim();
  if (s === '') return bad('ui.validate.required');
  if (s.length > ps.maxLength || !new RegExp(`^(?:${ps.pattern})$`).test(s)) {
    return bad('ui.validate.pattern', { example: ps.default });
  }
  return { ok: true, value: s };
}

/** Parses a layer name: any non-blank text, trimmed. */
export function parseName(text: string): Parsed<string> {
  const s = text.trim();
  return s === '' ? bad('ui.validate.emptyName') : { ok: true, value: s };
}

/** Parses an optional whole-number cap: empty (or "all") means no cap, i.e. null. */
export function parseOptionalCount(text: string, allWord: string): Parsed<number | null> {
  const s = text.trim();
  if (s === '' || s.toLowerCase() === allWord.toLowerCase()) return { ok: true, value: null };
  return parseNumber(s, { integer: true, min: 1 });
}

/** Shows a parameter value in an input (numbers in their shortest exact form). */
export const formatValue = (v: number | string | boolean | null): string => (v === null ? '' : String(v));

/** BatchNorm momentum in PyTorch's convention (1 − Keras momentum), without float noise. */
export const pytorchMomentum = (kerasMomentum: number): string =>
  String(Number((1 - kerasMomentum).toPrecision(12)));
