import { prepareCsvImport } from '../../src/data/csv-import';
import { readIdxPair } from '../../src/data/idx-import';
import { divideImport } from '../../src/data/imported';
import { readCsvSettings, readSplitSettings } from '../../src/data/import-settings';
import type { DatasetRef, ImportSource } from '../../src/graph/document';
import {
  checkLinkedFile,
  linkedFilesOf,
  shouldLinkByPath,
  type LinkCheck,
  type LinkedFile,
} from '../../src/project/linked-files';
import { err, ok, type Result } from '../../src/util/result';
import type { ImportedData } from './dataset-store';

type ImportedRef = Extract<DatasetRef, { kind: 'imported' }>;

/** The SHA-256 of some bytes as 64 lowercase hex digits (Web Crypto, in the page). */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A picked file as an import dialog holds it: name, size, bytes, and its path on the desktop. */
export interface LinkablePick {
  name: string;
  bytes: number;
  path?: string | undefined;
  /** The file's SHA-256, computed at pick time when the import will be linked. */
  sha256?: string | undefined;
}

/**
 * The source an import records: linked (paths, sizes, hashes and the settings to prepare it
 * again) when every file has a path and a hash and together they pass the threshold, else a
 * stored copy keyed by `hash`.
 */
export function importSource(
  format: ImportSource['format'],
  hash: string,
  files: readonly LinkablePick[],
  settings: unknown,
): ImportSource {
  const linked = shouldLinkByPath(files) && files.every((f) => f.sha256);
  const records = files.map((f) => ({
    name: f.name,
    bytes: f.bytes,
    ...(f.path && { path: f.path }),
    ...(linked && { sha256: f.sha256 }),
  }));
  return linked
    ? { format, hash, files: records, storage: 'linked', settings: JSON.stringify(settings) }
    : { format, hash, files: records };
}

/** What reading a linked import's files gave: its prepared data, or the files that are not as recorded. */
export type LinkedRestore =
  | { kind: 'ready'; data: ImportedData }
  | { kind: 'problems'; problems: Exclude<LinkCheck, { kind: 'ok' }>[] }
  | { kind: 'failed'; message: string };

/** Reads one linked file through the host: its bytes and hash, or null when it is gone or unreadable. */
export type ReadLinked = (file: LinkedFile) => Promise<{ bytes: Uint8Array; sha256: string } | null>;

/**
 * Prepares a linked import again from its files: reads each through `read`, checks its size
 * and SHA-256 against the record, then runs the import with the recorded settings.
 */
export async function restoreLinked(ref: ImportedRef, read: ReadLinked): Promise<LinkedRestore> {
  const files = linkedFilesOf(ref.source);
  if (!ref.source || files.length === 0 || files.length !== ref.source.files.length)
    return { kind: 'failed', message: 'the project does not record the files of this import' };
  const problems: Exclude<LinkCheck, { kind: 'ok' }>[] = [];
  const contents: { name: string; bytes: Uint8Array }[] = [];
  for (const f of files) {
    const found = await read(f).catch(() => null);
    const check = checkLinkedFile(f, found && { bytes: found.bytes.byteLength, sha256: found.sha256 });
    if (check.kind !== 'ok') problems.push(check);
    else if (found) contents.push({ name: f.name, bytes: found.bytes });
  }
  if (problems.length > 0) return { kind: 'problems', problems };
  const data = prepareFromFiles(ref, ref.source, contents);
  return data.ok ? { kind: 'ready', data: data.value } : { kind: 'failed', message: data.error };
}

/** Runs a linked import's recorded settings on its files' bytes (CSV and IDX imports). */
export function prepareFromFiles(
  ref: ImportedRef,
  source: ImportSource,
  files: readonly { name: string; bytes: Uint8Array }[],
): Result<ImportedData, string> {
  const hash = source.hash;
  if (source.format === 'csv') {
    const settings = readCsvSettings(source.settings);
    if (!settings.ok) return settings;
    const file = files[0]!;
    const r = prepareCsvImport(new TextDecoder().decode(file.bytes), file.name, settings.value);
    if (!r.ok) return err(r.error.message);
    if (!r.value.parts) return err(r.value.partsProblem ?? 'the file gives no training examples');
    const classNames = r.value.table.dataset.classNames;
    return ok({ hash, name: ref.name, classNames, parts: r.value.parts });
  }
  if (source.format === 'idx') {
    const split = readSplitSettings(source.settings);
    if (!split.ok) return split;
    const read = readIdxPair(files);
    if (!read.ok) return err(`${read.error.file}: ${read.error.message}`);
    const parts = divideImport(read.value, split.value);
    if (!parts.ok) return parts;
    const classNames = Array.from({ length: read.value.classes }, (_, c) => String(c));
    return ok({ hash, name: ref.name, classNames, parts: parts.value });
  }
  return err(`${source.format} imports are not linked by path`);
}
