import en from '../../assets/locales/en.json';
import { formatMessage, type MessageValues } from '../util/format';
import type { DiagnosticCode } from './codes';

/** How bad a problem is: errors block compiling and training. */
export type Severity = 'error' | 'warning' | 'info';

/** What a diagnostic is attached to. */
export type DiagnosticTarget =
  | { kind: 'node'; nodeId: string; port?: number; param?: string }
  | { kind: 'edge'; edgeId: string }
  | { kind: 'document'; path?: string };

/**
 * A problem found by analysis, as data. `message` and `hint` are the English
 * renderings; a UI in another language re-renders them from `code` and `values`.
 */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  target: DiagnosticTarget;
  values: MessageValues;
  message: string;
  hint?: string;
}

type DiagCatalog = Record<string, { message: string; hint?: string }>;
const catalog = en.diag as DiagCatalog;

/** Builds a diagnostic, rendering its English message from the catalog. */
export function diagnostic(
  code: DiagnosticCode,
  severity: Severity,
  target: DiagnosticTarget,
  values: MessageValues = {},
): Diagnostic {
  const entry = catalog[code];
  const message = entry ? formatMessage(entry.message, values) : code;
  const d: Diagnostic = { code, severity, target, values, message };
  if (entry?.hint) d.hint = formatMessage(entry.hint, values);
  return d;
}

/** True when any diagnostic is an error. */
export const hasErrors = (ds: readonly Diagnostic[]): boolean =>
  ds.some((d) => d.severity === 'error');
