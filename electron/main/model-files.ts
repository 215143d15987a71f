import { MAX_MODEL_FILES } from '../../src/ipc/channels';
import { err, ok, type Result } from '../../src/util/result';

/**
 * The weight file names a model.json's `weightsManifest[].paths` lists, in order and without
 * repeats, to be read from the model.json's own folder. A leading `./` (as tfjs writes it) is
 * dropped. A path that is not a plain file name (another folder, `..`, a drive) is refused,
 * naming its JSON path, so a model file cannot make the app read outside its folder. Text that
 * is not JSON, a missing manifest or non-string entries name no files: the importer reports
 * those itself. Pure.
 */
export function modelWeightNames(text: string): Result<string[], string> {
  const names: string[] = [];
  for (const { where, value } of manifestPaths(text)) {
    const name = value.startsWith('./') ? value.slice(2) : value;
    if (!isPlainFileName(name))
      return err(`${where}: '${value}' is not a file name beside the model.json; refusing to read it`);
    if (!names.includes(name)) names.push(name);
  }
  if (names.length >= MAX_MODEL_FILES)
    return err(
      `weightsManifest: names ${names.length} weight files; at most ${MAX_MODEL_FILES - 1} are read`,
    );
  return ok(names);
}

/** True for a name that stays in its folder: no separators, no `..`, no drive, not empty. */
function isPlainFileName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && !/[/\\:\0]/.test(name) && !name.includes('..');
}

/** Every string in `weightsManifest[g].paths[p]`, with its JSON path. */
function manifestPaths(text: string): { where: string; value: string }[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const manifest = isRecord(json) ? json['weightsManifest'] : undefined;
  if (!Array.isArray(manifest)) return [];
  return manifest.flatMap((group: unknown, g) => {
    const paths = isRecord(group) ? group['paths'] : undefined;
    if (!Array.isArray(paths)) return [];
    return paths.flatMap((value: unknown, p) =>
      typeof value === 'string' ? [{ where: `weightsManifest[${g}].paths[${p}]`, value }] : [],
    );
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
