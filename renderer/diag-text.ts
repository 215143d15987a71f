import type { Diagnostic } from '../src/diagnostics/diagnostic';

/** The translate function as far as messages need it (i18next's `t`). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A diagnostic's message in the UI's language: re-rendered from its stable code and values
 * through the catalog, falling back to the English text analysis made when the catalog has
 * no entry for the code.
 */
export function diagText(t: Translate, d: Pick<Diagnostic, 'code' | 'values' | 'message'>): string {
  return t(`diag.${d.code}.message`, { ...shownValues(t, d.values), defaultValue: d.message });
}

/**
 * Values as the UI shows them: a built-in dataset named by its id (analysis stays free of
 * display names) gets its name in the UI's language; anything else is kept as it is.
 */
function shownValues(t: Translate, values: Diagnostic['values']): Diagnostic['values'] {
  const id = values['dataset'];
  if (typeof id !== 'string' || !/^[a-z0-9-]+$/.test(id)) return values;
  return { ...values, dataset: t(`dataset.${id}`, { defaultValue: id }) };
}

/** A diagnostic's hint in the UI's language, or undefined when it has none. */
export function diagHint(t: Translate, d: Pick<Diagnostic, 'code' | 'values' | 'hint'>): string | undefined {
  if (d.hint === undefined) return undefined;
  return t(`diag.${d.code}.hint`, { ...shownValues(t, d.values), defaultValue: d.hint });
}

/**
 * Why a run failed, in the UI's language: re-rendered from its 'trainFailure' catalog key
 * and values, falling back to the English text the trainer sent when it sent no key or
 * one the catalog does not know.
 */
export function failureText(
  t: Translate,
  f: { message: string; key?: string; values?: Readonly<Record<string, string | number>> },
): string {
  if (f.key === undefined) return f.message;
  return t(`trainFailure.${f.key}`, { ...f.values, defaultValue: f.message });
}

/** A training-health finding in the UI's language (English text when no values came with it). */
export function findingText(
  t: Translate,
  f: { code: string; message: string; values?: Readonly<Record<string, string | number>> },
): string {
  if (!f.values) return f.message;
  return t(`finding.${f.code}`, { ...f.values, defaultValue: f.message });
}
