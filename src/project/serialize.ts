import type { Doc } from '../graph/document';
import { CURRENT_SCHEMA_VERSION, PROJECT_FORMAT, type ProjectFile } from './schema';

/** Writes a document as a project file: stable key order, two-space indent, trailing newline. */
export function serializeProject(doc: Doc, appVersion: string): string {
  const file: ProjectFile = {
    format: PROJECT_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    savedBy: { app: 'layerloom', version: appVersion },
    name: doc.name,
    dataset: doc.dataset,
    training: doc.training,
    layers: doc.layers,
    edges: doc.edges,
    runs: doc.runs,
  };
  // Written only when there are blocks, so files without them stay as before.
  if (doc.blocks && doc.blocks.length > 0) file.blocks = doc.blocks;
  return `${JSON.stringify(sortKeys(file, true), null, 2)}\n`;
}

const ENVELOPE_ORDER = [
  'format',
  'schemaVersion',
  'savedBy',
  'name',
  'dataset',
  'training',
  'layers',
  'edges',
  'runs',
  'blocks',
];

/** Sorts object keys alphabetically (the envelope keeps its reading order) so saves diff cleanly. */
function sortKeys(value: unknown, top = false): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v));
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  const ordered = top ? ENVELOPE_ORDER.filter((k) => keys.includes(k)) : keys.sort();
  const out: Record<string, unknown> = {};
  for (const k of ordered) out[k] = sortKeys((value as Record<string, unknown>)[k]);
  return out;
}
