import type { DatasetRef, Doc } from '../../src/graph/document';
import type { DatasetCache } from '../host/dataset-cache';
import type { ImportedData } from './dataset-store';

/** The key an imported dataset's prepared data is stored under (as the trainer looks it up). */
export const importedKey = (ref: Extract<DatasetRef, { kind: 'imported' }>): string =>
  ref.source?.hash ?? ref.id;

/** Every imported dataset a document refers to (its own and its runs'), once each, by key. */
export function importedRefs(doc: Doc): Extract<DatasetRef, { kind: 'imported' }>[] {
  const out = new Map<string, Extract<DatasetRef, { kind: 'imported' }>>();
  for (const ref of [doc.dataset, ...doc.runs.map((r) => r.dataset)])
    if (ref.kind === 'imported' && !out.has(importedKey(ref))) out.set(importedKey(ref), ref);
  return [...out.values()];
}

/**
 * The prepared data of a document's imported datasets, from this session or the dataset
 * cache, and the names of those that are in neither (they go without their data).
 */
export async function collectDatasets(
  doc: Doc,
  inSession: Readonly<Record<string, ImportedData>>,
  cache: DatasetCache | null,
): Promise<{ data: ImportedData[]; missing: string[] }> {
  const data: ImportedData[] = [];
  const missing: string[] = [];
  for (const ref of importedRefs(doc)) {
    const key = importedKey(ref);
    const d = inSession[key] ?? (await cache?.get(key).catch(() => null)) ?? null;
    if (d) data.push(d);
    else missing.push(ref.name);
  }
  return { data, missing };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Why a bundled dataset part cannot be trained on, or null when it can. */
function partProblem(part: unknown, name: string): string | null {
  if (!isObject(part)) return `${name} is missing`;
  const { count, inputShape } = part;
  if (!isCount(count)) return `${name}.count is not a count`;
  if (!Array.isArray(inputShape) || inputShape.length === 0 || !inputShape.every((d) => isCount(d) && d > 0))
    return `${name}.inputShape is not a shape`;
  const size = count * inputShape.reduce((a: number, b: number) => a * b, 1);
  const values = part['pixels'] ?? part['features'];
  const ok =
    (part['pixels'] instanceof Uint8Array || part['features'] instanceof Float32Array) &&
    (values as ArrayLike<number>).length === size;
  if (!ok) return `${name} does not hold ${size} values`;
  const targets = part['labels'] ?? part['targets'];
  if (!(targets instanceof Uint8Array || targets instanceof Float32Array) || targets.length !== count)
    return `${name} does not hold ${count} labels`;
  return null;
}

/** A dataset read from a bundle, checked as far as training needs it; or what is wrong (JSON path). */
export function asImportedData(v: unknown): ImportedData | string {
  if (!isObject(v) || typeof v['hash'] !== 'string' || v['hash'] === '' || typeof v['name'] !== 'string')
    return '$: not an imported dataset (hash and name are missing)';
  const names = v['classNames'];
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string'))
    return '$.classNames: not a list of names';
  const parts = v['parts'];
  if (!isObject(parts)) return '$.parts is missing';
  for (const p of ['train', 'validation', 'test']) {
    const problem = partProblem(parts[p], `$.parts.${p}`);
    if (problem) return problem;
  }
  return v as unknown as ImportedData;
}
