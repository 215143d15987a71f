/**
 * Files in a browser: the File System Access API where the browser has it (Chromium), so
 * Save writes the chosen file in place after the first save, and upload/download
 * elsewhere. The page's URL can force upload/download with `?files=download` (end-to-end
 * tests use it: Playwright raises no file chooser event for the File System Access API).
 */

/** The part of a FileSystemFileHandle used here. */
export interface FileHandleLike {
  readonly name: string;
  getFile(): Promise<Blob & { name: string }>;
  createWritable(): Promise<{ write(data: Blob): Promise<void>; close(): Promise<void> }>;
}

/** The file type filter of a picker. */
export interface PickerType {
  description: string;
  accept: Record<string, string[]>;
}

interface PickerScope {
  location?: { search: string };
  showOpenFilePicker?(options: { types?: PickerType[]; multiple?: boolean }): Promise<FileHandleLike[]>;
  showSaveFilePicker?(options: { suggestedName?: string; types?: PickerType[] }): Promise<FileHandleLike>;
}

/** How a browser page opens and saves files. */
export type FilesMode = 'picker' | 'download';

/** 'picker' when the File System Access API is there and the URL does not ask for `files=download`. */
export function browserFilesMode(scope: object = globalThis): FilesMode {
  const s = scope as PickerScope;
  const forced = new URLSearchParams(s.location?.search ?? '').get('files') === 'download';
  const has = typeof s.showOpenFilePicker === 'function' && typeof s.showSaveFilePicker === 'function';
  return has && !forced ? 'picker' : 'download';
}

/** The user closed the picker (AbortError): nothing to report. */
const isAbort = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';
/** The browser refused (no permission, no user gesture): fall back quietly. */
const isRefusal = (e: unknown): boolean =>
  e instanceof Error && (e.name === 'NotAllowedError' || e.name === 'SecurityError');

/** A picked file: its name, its bytes and its handle. */
export interface OpenedBrowserFile {
  name: string;
  bytes: Uint8Array;
  handle: FileHandleLike;
}

/**
 * Shows the open picker: the chosen file, 'cancelled' (closed, or the file could not be
 * read), or 'refused' when the browser will not show a picker (the caller falls back to
 * an upload).
 */
export async function pickFileToOpen(
  types: PickerType[],
  scope: object = globalThis,
): Promise<OpenedBrowserFile | 'cancelled' | 'refused'> {
  const s = scope as PickerScope;
  try {
    const [handle] = await s.showOpenFilePicker!({ types, multiple: false });
    if (!handle) return 'cancelled';
    const file = await handle.getFile();
    return { name: handle.name, bytes: new Uint8Array(await file.arrayBuffer()), handle };
  } catch (e) {
    if (isAbort(e)) return 'cancelled';
    if (isRefusal(e)) return 'refused';
    throw e;
  }
}

/**
 * Asks where to save (the save picker): the chosen handle, 'cancelled', or 'refused' when the
 * browser will not show one (the caller downloads instead).
 */
export async function pickFileToSave(
  suggestedName: string,
  types: PickerType[],
  scope: object = globalThis,
): Promise<FileHandleLike | 'cancelled' | 'refused'> {
  try {
    return await (scope as PickerScope).showSaveFilePicker!({ suggestedName, types });
  } catch (e) {
    if (isAbort(e)) return 'cancelled';
    if (isRefusal(e)) return 'refused';
    throw e;
  }
}

/** Writes a blob over the handle's file: false when permission was refused (the caller asks again). */
export async function writeToHandle(handle: FileHandleLike, blob: Blob): Promise<boolean> {
  try {
    const stream = await handle.createWritable();
    await stream.write(blob);
    await stream.close();
    return true;
  } catch (e) {
    if (isRefusal(e)) return false;
    throw e;
  }
}

/** The picker filter for saving project files. */
export const PROJECT_TYPES: PickerType[] = [
  { description: 'Layerloom project', accept: { 'application/json': ['.layerloom', '.json'] } },
];
/** The picker filter for opening: projects and workshop bundles. */
export const OPEN_TYPES: PickerType[] = [
  {
    description: 'Layerloom project or workshop bundle',
    accept: { 'application/octet-stream': ['.layerloom', '.json', '.layerloom-bundle'] },
  },
];
/** The picker filter for workshop bundles. */
export const BUNDLE_TYPES: PickerType[] = [
  { description: 'Layerloom workshop bundle', accept: { 'application/octet-stream': ['.layerloom-bundle'] } },
];
