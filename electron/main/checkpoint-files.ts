import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_CHECKPOINT_BYTES } from '../../src/ipc/channels';
import { writeFileAtomic } from './atomic-write';

/** The latest training checkpoint of each project, one file per project. */
export interface CheckpointFiles {
  /** Replaces the project's checkpoint (atomically: a crash leaves the old one or the new one). */
  write(project: string, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  /** The project's checkpoint, or null when there is none (or it is too large to be one). */
  read(project: string): Promise<Uint8Array<ArrayBuffer> | null>;
  clear(project: string): Promise<void>;
}

/** The folder inside the app's data folder that holds the checkpoints. */
export const CHECKPOINT_DIR = 'checkpoints';

/**
 * The file of a project's checkpoint: named by a hash of the project key (a path or a
 * name from the page), so no key can name a file outside the folder.
 */
export function checkpointFileName(project: string): string {
  return `${createHash('sha256').update(project, 'utf8').digest('hex').slice(0, 32)}.llckpt`;
}

/** Checkpoint files in `<dir>/checkpoints`. */
export function checkpointFiles(dir: string): CheckpointFiles {
  const folder = path.join(dir, CHECKPOINT_DIR);
  const fileOf = (project: string) => path.join(folder, checkpointFileName(project));
  return {
    async write(project, bytes) {
      await mkdir(folder, { recursive: true });
      await writeFileAtomic(fileOf(project), bytes);
    },
    async read(project) {
      const file = fileOf(project);
      try {
        if ((await stat(file)).size > MAX_CHECKPOINT_BYTES) return null;
        const data = await readFile(file);
        // readFile gives a Buffer with its own (not pooled) ArrayBuffer for a file this size.
        return new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
      } catch {
        return null;
      }
    },
    clear: (project) => rm(fileOf(project), { force: true }),
  };
}
