import type { Doc, ImportSource } from '../graph/document';
import { parseProject } from './parse';
import { isSafeLinkedPath, MAX_LINKED_PATH_LENGTH, type FoundFile, type LinkCheck } from './linked-files';

/**
 * A linked image folder: the picked folder's absolute root, its image files by their path
 * under it ("class/image.png": the first folder names the class), each with its size, and one
 * SHA-256 over the sorted per-file hashes.
 *
 * Why one combined hash rather than a hash per file: image folders over the link threshold
 * hold tens of thousands of small files (Fashion-MNIST as PNGs: 70,000 files of about 300
 * bytes), and every run in the project's history repeats its dataset reference. A 64-digit
 * hash per file would roughly triple the record (about 120 instead of 45 bytes a file, 8 MB
 * instead of 3 MB for each copy). Sizes stay per file, so a file that is gone or has a new
 * size is still named; only a same-size edit is reported for the folder as a whole.
 */
export interface LinkedFolder {
  root: string;
  files: { path: string; bytes: number }[];
  sha256: string;
}

/**
 * Whether a path under a linked folder's root is safe: '/'-separated, at least a class
 * folder and a file name, with no empty, `.` or `..` segment, and no backslash, colon or NUL
 * (so it cannot climb out of the root, or name a drive or stream on Windows).
 */
export function isSafeFolderEntry(rel: string): boolean {
  if (rel.length === 0 || rel.length > MAX_LINKED_PATH_LENGTH || /[\\:\0]/.test(rel)) return false;
  const segments = rel.split('/');
  return segments.length >= 2 && segments.every((s) => s !== '' && s !== '.' && s !== '..');
}

/** The linked folder an import source records, or null when it is not one (or not a safe one). */
export function linkedFolderOf(source: ImportSource | undefined): LinkedFolder | null {
  if (!source || source.format !== 'image-folder' || source.storage !== 'linked') return null;
  const { root, filesSha256 } = source;
  if (!root || !filesSha256 || !isSafeLinkedPath(root) || source.files.length === 0) return null;
  if (!source.files.every((f) => isSafeFolderEntry(f.name) && f.path === undefined)) return null;
  return { root, files: source.files.map((f) => ({ path: f.name, bytes: f.bytes })), sha256: filesSha256 };
}

/** A file of a linked folder as read: its path under the root, size and SHA-256. */
export interface FolderEntry {
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * The text whose SHA-256 a linked folder records: one JSON line `[path, bytes, sha256]` per
 * file, sorted by path, so neither the order files were picked in nor the platform matters,
 * and moving a file to another class changes it.
 */
export function folderManifest(entries: readonly FolderEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return sorted.map((e) => `${JSON.stringify([e.path, e.bytes, e.sha256.toLowerCase()])}\n`).join('');
}

/** A linked folder's file's absolute path (for messages), in the root's own separator. */
export function folderFilePath(root: string, rel: string): string {
  const sep = root.startsWith('/') ? '/' : '\\';
  return root + sep + rel.split('/').join(sep);
}

/**
 * What is wrong with a linked folder, given what was found for each of its files (in the
 * record's order; null: nothing there) and the SHA-256 of the found files' manifest. Files
 * gone or resized are named; when every file is gone, the folder itself is reported missing
 * (it was moved or renamed); when all are there but the combined hash differs, the folder is
 * reported changed. [] means the files are as recorded.
 */
export function checkLinkedFolder(
  folder: LinkedFolder,
  name: string,
  found: readonly (FoundFile | null)[],
  combined: string,
): Exclude<LinkCheck, { kind: 'ok' }>[] {
  if (found.every((f) => f === null)) return [{ kind: 'missing', name, path: folder.root }];
  const problems: Exclude<LinkCheck, { kind: 'ok' }>[] = [];
  folder.files.forEach((f, i) => {
    const got = found[i] ?? null;
    const path = folderFilePath(folder.root, f.path);
    if (got === null) problems.push({ kind: 'missing', name: f.path, path });
    else if (got.bytes !== f.bytes) problems.push({ kind: 'changed', name: f.path, path });
  });
  if (problems.length === 0 && combined.toLowerCase() !== folder.sha256)
    problems.push({ kind: 'changed', name, path: folder.root });
  return problems;
}

/**
 * The picked folder's absolute path, from one of its files' absolute path and its path
 * relative to the folder's parent ("shapes/cat/1.png", as the browser reports it); null when
 * the two do not agree.
 */
export function folderRootOf(absolute: string, relative: string): string | null {
  const rel = relative.split('/').filter((s) => s !== '');
  if (rel.length < 2) return null;
  let rest = absolute;
  for (const seg of rel.slice(1).reverse()) {
    const cut = rest.length - seg.length - 1;
    if (cut <= 0 || !rest.endsWith(seg) || !/[\\/]/.test(rest[cut]!)) return null;
    rest = rest.slice(0, cut);
  }
  const last = rest.split(/[\\/]/).at(-1);
  return last === rel[0] && isSafeLinkedPath(rest) ? rest : null;
}

/** The source with its folder moved to a new root (the user located it again). */
export const relinkFolder = (source: ImportSource, root: string): ImportSource => ({ ...source, root });

/** Every linked folder a document records (its dataset's and its runs'): root and file paths under it. */
export function linkedFolders(doc: Pick<Doc, 'dataset' | 'runs'>): { root: string; files: string[] }[] {
  const byRoot = new Map<string, Set<string>>();
  for (const ref of [doc.dataset, ...doc.runs.map((r) => r.dataset)]) {
    const folder = ref.kind === 'imported' ? linkedFolderOf(ref.source) : null;
    if (!folder) continue;
    const set = byRoot.get(folder.root) ?? new Set<string>();
    for (const f of folder.files) set.add(f.path);
    byRoot.set(folder.root, set);
  }
  return [...byRoot].map(([root, files]) => ({ root, files: [...files] }));
}

/** The linked folders a project file's text records; [] when it does not load. */
export function linkedFoldersInProject(text: string): { root: string; files: string[] }[] {
  const loaded = parseProject(text);
  return loaded.ok ? linkedFolders(loaded.value.doc) : [];
}
