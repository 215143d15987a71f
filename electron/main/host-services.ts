import { app, dialog, type BrowserWindow } from 'electron';
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  MAX_BUNDLE_BYTES,
  MAX_PROJECT_TEXT_LENGTH,
  MAX_WEIGHTS_BYTES,
  MAX_WEIGHTS_JSON_LENGTH,
} from '../../src/ipc/channels';
import { BUNDLE_MAGIC } from '../../src/project/bundle';
import { sidecarNames, weightsSidecarJson } from '../../src/project/weights-sidecar';
import { BUNDLE_EXTENSION } from '../../src/project/workshop-bundle';
import { writeFileAtomic } from './atomic-write';
import type { HostServices, ModelFile, OpenedContent, WeightsToSave } from './ipc-handlers';
import { modelWeightNames } from './model-files';

const PROJECT_FILTERS = [
  { name: 'Layerloom project', extensions: ['layerloom', 'json', BUNDLE_EXTENSION] },
  { name: 'All files', extensions: ['*'] },
];
const MODEL_FILTERS = [{ name: 'tfjs / Keras model.json', extensions: ['json'] }];
const BUNDLE_FILTERS = [{ name: 'Layerloom workshop bundle', extensions: [BUNDLE_EXTENSION] }];

/** What the shell adds to the dialogs and files: backup, session and close handshake. */
export type ShellServices = Pick<
  HostServices,
  | 'backup'
  | 'checkpoints'
  | 'uncleanExit'
  | 'replyToClose'
  | 'granted'
  | 'fileUsed'
  | 'sessionBegun'
  | 'datasets'
>;

/** Reads a project file's text, refusing files too large to be one. */
export async function readProjectText(file: string): Promise<string> {
  // Bytes >= UTF-16 units, so a file under the limit in bytes fits the contract.
  if ((await stat(file)).size > MAX_PROJECT_TEXT_LENGTH)
    throw new Error('The file is too large to be a project.');
  return readFile(file, 'utf8');
}

async function startsWithBundleMagic(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(BUNDLE_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.toString('latin1') === BUNDLE_MAGIC;
  } finally {
    await handle.close();
  }
}

/** The bytes of a file, or null when it does not exist; refuses files over `limit` bytes. */
async function readOptionalBytes(file: string, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    if ((await stat(file)).size > limit) throw new Error(`${path.basename(file)} is too large.`);
    return new Uint8Array(await readFile(file));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Reads a chosen file: a workshop bundle (told by its first bytes) as bytes, else a
 * project's text with its weights sidecar when both sidecar files lie beside it. Only the
 * conventional sidecar names are read; paths inside files are never followed.
 */
export async function readOpenedFile(file: string): Promise<OpenedContent> {
  if (await startsWithBundleMagic(file)) {
    const bundle = await readOptionalBytes(file, MAX_BUNDLE_BYTES);
    if (bundle === null) throw new Error('The file disappeared while it was read.');
    return { bundle };
  }
  const text = await readProjectText(file);
  const names = sidecarNames(path.basename(file));
  const dir = path.dirname(file);
  const json = await readOptionalBytes(path.join(dir, names.json), MAX_WEIGHTS_JSON_LENGTH);
  const bin = json && (await readOptionalBytes(path.join(dir, names.bin), MAX_WEIGHTS_BYTES));
  return { text, weights: json && bin ? { json: Buffer.from(json).toString('utf8'), bin } : null };
}

/** Size limits of the model files read for the importer, in bytes. */
export interface ModelFileLimits {
  json: number;
  weights: number;
}

/**
 * Reads a model.json for the importer and the weight files its manifest names from the same
 * folder (plain file names only; a path leaving the folder is refused). Missing weight files
 * are skipped: the importer reports them. Files over the limits are refused.
 */
export async function readModelFiles(
  file: string,
  limits: ModelFileLimits = { json: MAX_PROJECT_TEXT_LENGTH, weights: MAX_WEIGHTS_BYTES },
): Promise<ModelFile[]> {
  const model = path.basename(file);
  const bytes = await readOptionalBytes(file, limits.json);
  if (bytes === null) throw new Error(`${model} disappeared while it was read.`);
  const names = modelWeightNames(Buffer.from(bytes).toString('utf8'));
  if (!names.ok) throw new Error(`${model}: ${names.error}`);
  const files: ModelFile[] = [{ name: model, bytes }];
  for (const name of names.value.filter((n) => n !== model)) {
    const weights = await readOptionalBytes(path.join(path.dirname(file), name), limits.weights);
    if (weights !== null) files.push({ name, bytes: weights });
  }
  return files;
}

/** Writes the weights sidecar of `projectFile`: the .bin first, then the .json that names it. */
export async function writeWeightsSidecarFiles(projectFile: string, weights: WeightsToSave): Promise<void> {
  const names = sidecarNames(path.basename(projectFile));
  const dir = path.dirname(projectFile);
  await writeFileAtomic(path.join(dir, names.bin), weights.bin);
  await writeFileAtomic(
    path.join(dir, names.json),
    weightsSidecarJson(weights.planHash, weights.specs, names.bin),
  );
}

/** The open dialog of `dataset:locate`: where is the file called `name` now? */
export async function chooseDatasetFile(window: BrowserWindow, name: string): Promise<string | null> {
  const result = await dialog.showOpenDialog(window, {
    title: name,
    properties: ['openFile'],
    filters: [{ name, extensions: ['*'] }],
  });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** The folder dialog of `dataset:locate-folder`: where is the image folder called `name` now? */
export async function chooseDatasetFolder(window: BrowserWindow, name: string): Promise<string | null> {
  const result = await dialog.showOpenDialog(window, { title: name, properties: ['openDirectory'] });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Dialogs and file access for the IPC handlers, parented to `window`. */
export function electronHostServices(window: BrowserWindow, shell: ShellServices): HostServices {
  return {
    ...shell,
    async chooseOpenPath() {
      const result = await dialog.showOpenDialog(window, {
        properties: ['openFile'],
        filters: PROJECT_FILTERS,
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSavePath(suggested) {
      const result = await dialog.showSaveDialog(window, {
        defaultPath: suggested ?? 'untitled.layerloom',
        filters: PROJECT_FILTERS,
      });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseBundlePath(suggested) {
      const result = await dialog.showSaveDialog(window, { defaultPath: suggested, filters: BUNDLE_FILTERS });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseModelPath() {
      const result = await dialog.showOpenDialog(window, {
        properties: ['openFile'],
        filters: MODEL_FILTERS,
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    readOpened: readOpenedFile,
    readModel: (file) => readModelFiles(file),
    writeText: (file, text) => writeFileAtomic(file, text),
    writeWeights: writeWeightsSidecarFiles,
    writeBytes: (file, bytes) => writeFileAtomic(file, bytes),
    appInfo: () => ({ version: app.getVersion(), platform: process.platform }),
  };
}
