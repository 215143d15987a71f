import { analyze } from '../analysis/analyze';
import type { Doc } from '../graph/document';
import { err, ok, type Result } from '../util/result';
import { compilePlan } from './plan';
import { decodeManifest, matchWeights, type ManifestGroup, type NamedTensor } from './tfjs-weights';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The weightsManifest of a model.json, or null when it has none (a bare topology). */
export function weightsManifestOf(json: unknown): ManifestGroup[] | null {
  const m = isObj(json) ? json.weightsManifest : undefined;
  if (!Array.isArray(m)) return null;
  const groups = m.filter(
    (g): g is ManifestGroup => isObj(g) && Array.isArray(g.paths) && Array.isArray(g.weights),
  );
  return groups.length === m.length ? groups : null;
}

/** Every file a model.json's weightsManifest names, in order (empty without a manifest). */
export function weightFilePaths(json: unknown): string[] {
  return (weightsManifestOf(json) ?? []).flatMap((g) => g.paths.map(String));
}

/** The last part of a manifest path ('./group1-shard1of1.bin' -> 'group1-shard1of1.bin'). */
export const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

/**
 * The weights of an imported model.json, mapped to the document `importModelJson` made of
 * it: decoded from the files its weightsManifest names (`files` by manifest path), matched
 * by layer name to the compiled plan's weights and checked against their shapes. Returns
 * them in the plan's order and names, or null when the model.json has no weightsManifest.
 * Errors name the layer, the weight or the missing file. Pure.
 */
export function importWeights(
  json: unknown,
  doc: Doc,
  files: ReadonlyMap<string, Uint8Array>,
): Result<NamedTensor[] | null, string> {
  const manifest = weightsManifestOf(json);
  if (!manifest) return ok(null);
  const plan = compilePlan(doc, analyze(doc));
  if (!plan.ok) return err(`the imported model does not compile: ${plan.error[0]?.message ?? ''}`);
  const decoded = decodeManifest(manifest, files);
  if (!decoded.ok) return decoded;
  return matchWeights(plan.value, decoded.value);
}
