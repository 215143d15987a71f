import type { Doc } from '../graph/document';
import { err, ok, type Result } from '../util/result';
import { MIGRATIONS } from './migrations';
import { CURRENT_SCHEMA_VERSION, PROJECT_FORMAT, projectFileSchema } from './schema';

/** Why a file could not be opened; `path` is a JSON path such as `$.layers[3].params.filters`. */
export type LoadError =
  | { kind: 'not-json'; message: string; line?: number; column?: number }
  | { kind: 'unknown-format'; message: string }
  | { kind: 'too-new'; message: string; version: number; savedBy: string }
  | { kind: 'invalid'; message: string; path: string };

/** A loaded document plus the schema version the file had. */
export interface Loaded {
  doc: Doc;
  fromVersion: number;
}

/** Detects, migrates step by step and validates a project file's text. */
export function parseProject(input: string): Result<Loaded, LoadError> {
  // Editors on Windows may prefix a byte-order mark; JSON.parse refuses it.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return err({ kind: 'not-json', message: (e as Error).message, ...lineOf(text, e as Error) });
  }
  if (!isObject(raw) || raw.format !== PROJECT_FORMAT) {
    return err({ kind: 'unknown-format', message: 'This is not a Layerloom project file.' });
  }
  const version = raw.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return err({
      kind: 'invalid',
      message: 'schemaVersion must be a positive integer.',
      path: '$.schemaVersion',
    });
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    const savedBy = savedByOf(raw.savedBy);
    return err({ kind: 'too-new', message: `Made by ${savedBy} (schema ${version}).`, version, savedBy });
  }
  let file: Record<string, unknown> = raw;
  for (const m of MIGRATIONS) if (m.from >= version) file = { ...m.migrate(file), schemaVersion: m.from + 1 };
  const parsed = projectFileSchema.safeParse(file);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return err({ kind: 'invalid', message: issue.message, path: jsonPath(issue.path) });
  }
  const { format: _f, schemaVersion: _v, savedBy: _s, ...doc } = parsed.data;
  return ok({ doc, fromVersion: version });
}

/**
 * "app version" of a file's savedBy, for messages. Only strings are shown: String() of a
 * deeply nested array recurses and would overflow the stack on a hostile file.
 */
function savedByOf(v: unknown): string {
  if (!isObject(v)) return 'unknown';
  const text = (x: unknown): string => (typeof x === 'string' ? x.slice(0, 100) : '?');
  return `${text(v.app)} ${text(v.version)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Renders a validation path as `$.a[0].b`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : `${acc}.${String(k)}`),
    '$',
  );
}

/** Finds the line and column of a JSON syntax error from V8's "position N" message. */
function lineOf(text: string, e: Error): { line?: number; column?: number } {
  const m = /position (\d+)/.exec(e.message);
  if (!m) return {};
  const before = text.slice(0, Number(m[1]));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
