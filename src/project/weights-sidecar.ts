import { z } from 'zod';
import { decodeManifest, encodeManifest, type NamedTensor } from '../compiler/tfjs-weights';
import { err, ok, type Result } from '../util/result';

/** The `format` marker of a weights sidecar (`<project>.weights.json`). */
export const WEIGHTS_SIDECAR_FORMAT = 'layerloom-weights';

const manifestSchema = z.array(
  z.object({
    paths: z.array(z.string().min(1)).min(1),
    weights: z.array(
      z.object({
        name: z.string().min(1),
        shape: z.array(z.number().int().min(0)),
        dtype: z.string(),
        quantization: z.unknown().optional(),
      }),
    ),
  }),
);

/** The JSON half of a sidecar: which plan the weights fit, and a tfjs weights manifest. */
export const weightsSidecarSchema = z.object({
  format: z.literal(WEIGHTS_SIDECAR_FORMAT),
  version: z.literal(1),
  /** planHash() of the compiled plan the weights were made for; another plan means stale weights. */
  planHash: z.string().min(1),
  weightsManifest: manifestSchema,
});
export type WeightsSidecar = z.infer<typeof weightsSidecarSchema>;

/** The two files of a sidecar next to `<project>`: `<project>.weights.json` and `<project>.weights.bin`. */
export function sidecarNames(projectFileName: string): { json: string; bin: string } {
  return { json: `${projectFileName}.weights.json`, bin: `${projectFileName}.weights.bin` };
}

/**
 * Writes weights as a sidecar: the JSON text (its manifest names `binName`, a path relative
 * to the JSON file) and the bytes of the .bin file. Pure.
 */
export function writeWeightsSidecar(
  planHash: string,
  tensors: readonly NamedTensor[],
  binName: string,
): { json: string; bin: Uint8Array } {
  const { manifest, bytes } = encodeManifest(tensors, binName);
  return { json: sidecarText(planHash, manifest), bin: bytes };
}

function sidecarText(planHash: string, manifest: WeightsSidecar['weightsManifest']): string {
  const file: WeightsSidecar = {
    format: WEIGHTS_SIDECAR_FORMAT,
    version: 1,
    planHash,
    weightsManifest: manifest,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The JSON text of a sidecar for float32 weights already packed back to back in one
 * `binName` file (what the desktop app's main process receives): the same text
 * writeWeightsSidecar gives for those tensors. Pure.
 */
export function weightsSidecarJson(
  planHash: string,
  specs: readonly { name: string; shape: readonly number[] }[],
  binName: string,
): string {
  const weights = specs.map((s) => ({ name: s.name, shape: [...s.shape], dtype: 'float32' }));
  return sidecarText(planHash, [{ paths: [binName], weights }]);
}

/**
 * Reads a sidecar's JSON text and the bytes of the files its manifest names
 * (`files` by path). Errors say what is wrong and where (JSON path or weight). Pure.
 */
export function readWeightsSidecar(
  jsonText: string,
  files: ReadonlyMap<string, Uint8Array>,
): Result<{ planHash: string; tensors: NamedTensor[] }, string> {
  let json: unknown;
  try {
    json = JSON.parse(jsonText);
  } catch (e) {
    return err(`not valid JSON (${(e as Error).message})`);
  }
  const r = weightsSidecarSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return err(`${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  const tensors = decodeManifest(r.data.weightsManifest, files);
  return tensors.ok ? ok({ planHash: r.data.planHash, tensors: tensors.value }) : tensors;
}
