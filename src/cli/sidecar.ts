import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { planHash } from '../compiler/plan-hash';
import type { ModelPlan } from '../compiler/plan';
import { matchWeights, type NamedTensor } from '../compiler/tfjs-weights';
import { readWeightsSidecar, sidecarNames, weightsSidecarSchema } from '../project/weights-sidecar';
import type { CliIo } from './io';
import { UserError } from './io';

/** Reads a file's bytes; a missing or unreadable file is a UserError naming it. */
export function readBytes(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      `${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})`}`,
    );
  }
}

/** The files a weights manifest names, read from the folder of the JSON file that names them. */
export function readManifestFiles(jsonFile: string, paths: readonly string[]): Map<string, Uint8Array> {
  const dir = path.dirname(jsonFile);
  return new Map(paths.map((p) => [p, readBytes(path.resolve(dir, p))]));
}

/**
 * The weights of a project's sidecar (`<project>.weights.json` + its .bin) when there is one
 * and it was made for this plan; null when there is none. A sidecar for another plan (the
 * project changed since) is ignored with a warning on stderr; a broken one is an error.
 */
export function sidecarWeights(projectFile: string, plan: ModelPlan, io: CliIo): NamedTensor[] | null {
  const jsonFile = path.join(path.dirname(projectFile), sidecarNames(path.basename(projectFile)).json);
  if (!existsSync(jsonFile)) return null;
  const text = readFileSync(jsonFile, 'utf8');
  let paths: string[] = [];
  try {
    const head = weightsSidecarSchema.safeParse(JSON.parse(text));
    if (head.success) paths = head.data.weightsManifest.flatMap((g) => g.paths);
  } catch {
    // readWeightsSidecar reports the bad JSON below.
  }
  const r = readWeightsSidecar(text, readManifestFiles(jsonFile, paths));
  if (!r.ok) throw new UserError(`${jsonFile}: ${r.error}`, 1);
  if (r.value.planHash !== planHash(plan)) {
    io.stderr(
      `layerloom: warning: ${jsonFile} was made for another version of the model (plan ${r.value.planHash}, now ${planHash(plan)}); ignoring its weights\n`,
    );
    return null;
  }
  const matched = matchWeights(plan, r.value.tensors);
  if (!matched.ok) throw new UserError(`${jsonFile}: ${matched.error}`, 1);
  return matched.value;
}
