import { assembleImages, planFolder, type DecodedImage } from '../../src/data/image-folder';
import { divideImport } from '../../src/data/imported';
import { readImageFolderSettings, type ImageFolderSettings } from '../../src/data/import-settings';
import type { DatasetRef, ImportSource } from '../../src/graph/document';
import {
  checkLinkedFolder,
  folderManifest,
  folderRootOf,
  isSafeFolderEntry,
  linkedFolderOf,
  type FolderEntry,
} from '../../src/project/linked-folder';
import { shouldLinkByPath } from '../../src/project/linked-files';
import { sha256Hex, type LinkedRestore } from './linked-import';

type ImportedRef = Extract<DatasetRef, { kind: 'imported' }>;

/** A picked image of a folder import: its path from the picked folder's parent, size, local path and bytes. */
export interface FolderPick {
  /** "folder/class/name.png", as the browser reports a picked folder's file. */
  rel: string;
  bytes: number;
  path?: string | undefined;
  read(): Promise<Uint8Array<ArrayBuffer>>;
}

/** How a folder import is linked: the root, its files under it with sizes, and the combined hash. */
export interface FolderLink {
  root: string;
  files: { name: string; bytes: number }[];
  sha256: string;
}

/** How many files are read or hashed at once (bounded memory for large folders). */
const BATCH = 16;

/** Runs `work` over `items` a batch at a time, keeping the order. */
async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += BATCH)
    out.push(...(await Promise.all(items.slice(i, i + BATCH).map(work))));
  return out;
}

/** The SHA-256 of a folder's manifest (see `folderManifest`). */
export const manifestSha256 = (entries: readonly FolderEntry[]): Promise<string> =>
  sha256Hex(new TextEncoder().encode(folderManifest(entries)));

/**
 * How a folder import's images would be linked by path, or null when they stay a stored
 * copy: every image needs a path (the desktop), all under one picked folder, and together
 * they must pass the link threshold. Reads and hashes each image once.
 */
export async function linkFolder(picks: readonly FolderPick[]): Promise<FolderLink | null> {
  if (!shouldLinkByPath(picks)) return null;
  const roots = new Set(picks.map((p) => (p.path ? folderRootOf(p.path, p.rel) : null)));
  const root = roots.size === 1 ? [...roots][0] : null;
  if (!root) return null;
  const under = (rel: string): string => rel.split('/').filter(Boolean).slice(1).join('/');
  // A name the record could not carry safely (a colon or backslash in it) keeps the folder stored.
  if (!picks.every((p) => isSafeFolderEntry(under(p.rel)))) return null;
  const entries = await inBatches(picks, async (p) => ({
    path: under(p.rel),
    bytes: p.bytes,
    sha256: await sha256Hex(await p.read()),
  }));
  return {
    root,
    files: entries.map((e) => ({ name: e.path, bytes: e.bytes })),
    sha256: await manifestSha256(entries),
  };
}

/** The source a folder import records: linked by `link` when given, else the picked files as before. */
export function folderImportSource(
  hash: string,
  link: FolderLink | null,
  settings: ImageFolderSettings,
  unlinked: ImportSource['files'],
): ImportSource {
  if (!link) return { format: 'image-folder', hash, files: unlinked };
  return {
    format: 'image-folder',
    hash,
    files: link.files,
    storage: 'linked',
    settings: JSON.stringify(settings),
    root: link.root,
    filesSha256: link.sha256,
  };
}

/** Reads one file of a linked folder through the host (root, path under it): bytes and hash, or null. */
export type ReadInFolder = (
  root: string,
  rel: string,
) => Promise<{ bytes: Uint8Array<ArrayBuffer>; sha256: string } | null>;

/** Decodes image jobs at a size and colour (the page's canvas decoder in the app). */
export type DecodeImages = (
  jobs: readonly { file: Blob; path: string; label: number }[],
  size: number,
  channels: 1 | 3,
) => Promise<DecodedImage[]>;

/**
 * Prepares a linked image folder again: reads every recorded file under the root, checks
 * sizes and the combined SHA-256, then decodes, assembles and divides the images with the
 * recorded settings, as the import did (same order, same classes, same seeded split).
 */
export async function restoreLinkedFolder(
  ref: ImportedRef,
  read: ReadInFolder,
  decode: DecodeImages,
): Promise<LinkedRestore> {
  const folder = linkedFolderOf(ref.source);
  if (!folder) return { kind: 'failed', message: 'the project does not record the files of this folder' };
  const settings = readImageFolderSettings(ref.source?.settings);
  if (!settings.ok) return { kind: 'failed', message: settings.error };
  const found = await inBatches(folder.files, (f) => read(folder.root, f.path).catch(() => null));
  const entries = found.every((f) => f !== null)
    ? folder.files.map((f, i) => ({
        path: f.path,
        bytes: found[i]!.bytes.byteLength,
        sha256: found[i]!.sha256,
      }))
    : null;
  const combined = entries ? await manifestSha256(entries) : '';
  const sizes = found.map((f) => f && { bytes: f.bytes.byteLength, sha256: f.sha256 });
  const problems = checkLinkedFolder(folder, ref.name, sizes, combined);
  if (problems.length > 0) return { kind: 'problems', problems };
  // The same plan as the import's: classes are the sorted first folders under the root.
  const prefix = ref.name.replace(/\//g, '_') || 'folder';
  const plan = planFolder(folder.files.map((f) => `${prefix}/${f.path}`));
  const jobs = plan.images.map((im) => ({
    file: new Blob([found[im.index]!.bytes]),
    path: im.path,
    label: im.label,
  }));
  const { size, channels, split } = settings.value;
  const { dataset } = assembleImages(await decode(jobs, size, channels), plan.classes.length, size, channels);
  if (dataset.classes !== ref.classes)
    return { kind: 'failed', message: `the folder has ${dataset.classes} classes, not ${ref.classes}` };
  const parts = divideImport(dataset, split);
  if (!parts.ok) return { kind: 'failed', message: parts.error };
  const hash = ref.source!.hash;
  return { kind: 'ready', data: { hash, name: ref.name, classNames: plan.classes, parts: parts.value } };
}
