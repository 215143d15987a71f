import { createHash } from 'node:crypto';
import path from 'node:path';
import { MAX_DATASET_FILE_BYTES } from '../../src/ipc/channels';
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
  /** The file at an allowed path, or null when nothing is there; refuses any other path. */
  read(file: string): Promise<ReadDatasetFile | null>;
  /** Asks the user where a file is now (by its name); the chosen file read, or null when cancelled. */
  locate(name: string): Promise<(ReadDatasetFile & { path: string }) | null>;
}

const isMissing = (e: unknown): boolean => {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** Whether a path is one a linked file may have, in this platform's own resolved spelling. */
function isPlainPath(file: string): boolean {
  return isSafeLinkedPath(file) && path.isAbsolute(file) && path.resolve(file) === file;
}

/** The dataset file access over `fs`, with `choose(name)` showing the locate dialog. */
export function datasetFileAccess(
  fs: DatasetFs,
  choose: (name: string) => Promise<string | null>,
  limit: number = MAX_DATASET_FILE_BYTES,
): DatasetFileAccess {
  const allowed = new Set<string>();
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
    },
    async read(file) {
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
  };
}
