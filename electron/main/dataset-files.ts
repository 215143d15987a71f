import { createHash } from 'node:crypto';
import path from 'node:path';
import { MAX_DATASET_FILE_BYTES } from '../../src/ipc/channels';
import { isSafeFolderEntry, linkedFoldersInProject } from '../../src/project/linked-folder';
import { isSafeLinkedPath, linkedPathsInProject } from '../../src/project/linked-files';

/** A read linked dataset file: its bytes and their SHA-256 (lowercase hex). */
export interface ReadDatasetFile {
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string;
}

/** The file-system calls the dataset file access needs (node:fs/promises in the app, a fake in tests). */
export interface DatasetFs {
  stat(file: string): Promise<{ size: number; isFile(): boolean }>;
  readFile(file: string): Promise<Uint8Array>;
}

/**
 * Reading linked dataset files (large imports saved by path) for the renderer. Only paths
 * recorded in a project the user opened from disk, or a file the user chose in the locate
 * dialog, may be read: the renderer cannot name any other file. Paths must be absolute and
 * plain (no `.`/`..` segments, see `isSafeLinkedPath`) and must equal their resolved form.
 */
export interface DatasetFileAccess {
  /** Allows the linked files recorded in a project text the user opened. */
  allowProject(text: string): void;
  /**
   * The file at an allowed path, or null when nothing is there; refuses any other path. With
   * `root`, `file` is a '/'-separated path under that linked image folder, allowed only when
   * the project recorded it under that root (or under the root a located folder replaced).
   */
  read(file: string, root?: string): Promise<ReadDatasetFile | null>;
  /** Asks the user where a file is now (by its name); the chosen file read, or null when cancelled. */
  locate(name: string): Promise<(ReadDatasetFile & { path: string }) | null>;
  /**
   * Asks the user where a linked image folder (by its name) is now; the chosen folder may then
   * be read for exactly the files allowed under `oldRoot`. Null when cancelled.
   */
  locateFolder(name: string, oldRoot: string): Promise<{ path: string } | null>;
}

const isMissing = (e: unknown): boolean => {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** Whether a path is one a linked file may have, in this platform's own resolved spelling. */
function isPlainPath(file: string): boolean {
  return isSafeLinkedPath(file) && path.isAbsolute(file) && path.resolve(file) === file;
}

/** The dataset file access over `fs`, with `choose(name)` showing the locate dialog (`chooseFolder` for a folder). */
export function datasetFileAccess(
  fs: DatasetFs,
  choose: (name: string) => Promise<string | null>,
  limit: number = MAX_DATASET_FILE_BYTES,
  chooseFolder: (name: string) => Promise<string | null> = async () => null,
): DatasetFileAccess {
  const allowed = new Set<string>();
  // Linked image folders: each allowed root with the paths under it that may be read.
  const folders = new Map<string, Set<string>>();
  const allowFolder = (root: string, files: Iterable<string>): void => {
    const set = folders.get(root) ?? new Set<string>();
    for (const f of files) if (isSafeFolderEntry(f)) set.add(f);
    folders.set(root, set);
  };
  const readAt = async (file: string): Promise<ReadDatasetFile | null> => {
    let info: { size: number; isFile(): boolean };
    try {
      info = await fs.stat(file);
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
    const name = path.basename(file);
    if (!info.isFile()) throw new Error(`${name} is not a file.`);
    if (info.size > limit) throw new Error(`${name} is too large (${info.size} bytes).`);
    const data = await fs.readFile(file);
    const bytes = new Uint8Array(data.byteLength);
    bytes.set(data);
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  };
  return {
    allowProject(text) {
      for (const p of linkedPathsInProject(text)) if (isPlainPath(p)) allowed.add(p);
      for (const f of linkedFoldersInProject(text)) if (isPlainPath(f.root)) allowFolder(f.root, f.files);
    },
    async read(file, root) {
      if (root !== undefined) {
        if (!isPlainPath(root) || !isSafeFolderEntry(file) || !folders.get(root)?.has(file))
          throw new Error('dataset:read: the path is not a file of a linked folder of an opened project');
        const full = path.join(root, ...file.split('/'));
        // Belt and braces: the joined path must still lie under the root.
        if (!full.startsWith(root + path.sep)) throw new Error('dataset:read: the path leaves its folder');
        return readAt(full);
      }
      if (!isPlainPath(file) || !allowed.has(file))
        throw new Error('dataset:read: the path is not a dataset file of an opened project');
      return readAt(file);
    },
    async locate(name) {
      const chosen = await choose(name);
      if (chosen === null) return null;
      const file = path.resolve(chosen);
      const read = await readAt(file);
      if (read === null) throw new Error(`${path.basename(file)} could not be read.`);
      allowed.add(file);
      return { path: file, ...read };
    },
    async locateFolder(name, oldRoot) {
      const files = folders.get(oldRoot);
      if (!files)
        throw new Error('dataset:locate-folder: the folder is not a linked folder of an opened project');
      const chosen = await chooseFolder(name);
      if (chosen === null) return null;
      const root = path.resolve(chosen);
      if (!isPlainPath(root)) throw new Error(`${path.basename(root)} cannot hold a linked folder.`);
      const info = await fs.stat(root).catch(() => null);
      if (!info || info.isFile()) throw new Error(`${path.basename(root)} is not a folder.`);
      allowFolder(root, files);
      return { path: root };
    },
  };
}
