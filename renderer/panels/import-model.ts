import { importModelJson } from '../../src/compiler/import-model-json';
import { baseName, importWeights, weightFilePaths } from '../../src/compiler/import-weights';
import type { NamedTensor } from '../../src/compiler/tfjs-weights';
import type { Doc } from '../../src/graph/document';

/** A picked file: its name and bytes. */
export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

/** What importing picked files gives: a document (with weights when they were picked too), or the problems. */
export type ModelImport =
  | {
      ok: true;
      file: string;
      doc: Doc;
      weights: NamedTensor[] | null;
      /** Weight files the model.json names that were not picked (its weights are then not imported). */
      missingWeights: string[];
      warnings: string[];
    }
  | { ok: false; file: string; messages: string[] };

const isJson = (f: PickedFile): boolean => /\.json$/i.test(f.name);

/** Parses the picked model.json, naming the place of a syntax error. */
function parseJson(f: PickedFile): { ok: true; json: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, json: JSON.parse(new TextDecoder().decode(f.bytes)) as unknown };
  } catch (e) {
    return { ok: false, message: `not valid JSON (${(e as Error).message})` };
  }
}

/**
 * Imports a model.json picked with its weight files (pure): the document importModelJson
 * makes of it, and its weights when every file its manifest names was picked too
 * (matched by file name). Problems name the file and the layer or weight concerned.
 */
export function importPickedFiles(files: readonly PickedFile[]): ModelImport {
  const jsons = files.filter(isJson);
  const names = files.map((f) => f.name).join(', ');
  if (jsons.length !== 1)
    return { ok: false, file: names, messages: ['pick exactly one model.json (with its .bin weight files)'] };
  const model = jsons[0]!;
  const parsed = parseJson(model);
  if (!parsed.ok) return { ok: false, file: model.name, messages: [parsed.message] };
  const r = importModelJson(parsed.json);
  if (!r.ok) return { ok: false, file: model.name, messages: r.error.map((p) => p.message) };
  const doc = r.value.doc;
  const warnings = r.value.warnings.map((w) => w.message);
  const paths = weightFilePaths(parsed.json);
  const byName = new Map(files.filter((f) => !isJson(f)).map((f) => [f.name, f.bytes]));
  const found = new Map(
    paths.flatMap((p) => (byName.has(baseName(p)) ? [[p, byName.get(baseName(p))!]] : [])),
  );
  const missing = paths.filter((p) => !found.has(p));
  if (paths.length === 0 || found.size === 0)
    return { ok: true, file: model.name, doc, weights: null, missingWeights: missing, warnings };
  if (missing.length > 0)
    return {
      ok: false,
      file: model.name,
      messages: [`the weights file '${baseName(missing[0]!)}' was not picked`],
    };
  const w = importWeights(parsed.json, doc, found);
  if (!w.ok) return { ok: false, file: model.name, messages: [w.error] };
  return { ok: true, file: model.name, doc, weights: w.value, missingWeights: [], warnings };
}
