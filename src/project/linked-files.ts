import { z } from 'zod';
import type { DatasetRef, Doc, ImportSource } from '../graph/document';
import { parseProject } from './parse';

/**
 * Imports whose files together exceed this many bytes are linked (saved with the project by
 * path and SHA-256, read again on open) instead of having their prepared data stored: 20 MB.
 */
export const LINK_THRESHOLD_BYTES = 20 * 1024 * 1024;

/** Longest path a linked file may have. */
export const MAX_LINKED_PATH_LENGTH = 4096;

/** A file a linked import records: its plain name, absolute path, size and SHA-256 (lowercase hex). */
export const linkedFileSchema = z.strictObject({
  name: z.string().min(1).max(255),
  path: z.string().min(1).max(MAX_LINKED_PATH_LENGTH),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** A file of a linked import. */
export type LinkedFile = z.infer<typeof linkedFileSchema>;

/** A picked file as an importer knows it: its size and, on the desktop, its path. */
export interface PickedFileFacts {
  bytes: number;
  path?: string | undefined;
}

/**
 * Whether an import should be linked by path rather than stored: every file has a path (the
 * desktop host gave one) and together they exceed `threshold` bytes.
 */
export function shouldLinkByPath(
  files: readonly PickedFileFacts[],
  threshold: number = LINK_THRESHOLD_BYTES,
): boolean {
  if (files.length === 0 || files.some((f) => !f.path || !isSafeLinkedPath(f.path))) return false;
  return files.reduce((n, f) => n + f.bytes, 0) > threshold;
}

/**
 * Whether a path may name a linked file: absolute (POSIX `/…` or Windows `C:\…`), with no
 * `.` or `..` segment, no empty segment and no NUL, so a recorded path means exactly one file.
 * UNC and device paths (`\\server\…`, `\\?\…`) are refused.
 */
export function isSafeLinkedPath(p: string): boolean {
  if (p.length === 0 || p.length > MAX_LINKED_PATH_LENGTH || p.includes('\0')) return false;
  let rest: string;
  let sep: RegExp;
  if (p.startsWith('/')) {
    rest = p.slice(1);
    sep = /\//;
  } else if (/^[A-Za-z]:[\\/]/.test(p)) {
    rest = p.slice(3);
    sep = /[\\/]/;
  } else return false;
  if (rest === '') return false;
  return rest.split(sep).every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/** The linked files of an import source (those with a path and a hash); [] for a stored import. */
export function linkedFilesOf(source: ImportSource | undefined): LinkedFile[] {
  if (!source || source.storage !== 'linked') return [];
  const out: LinkedFile[] = [];
  for (const f of source.files) {
    const parsed = linkedFileSchema.safeParse(f);
    if (parsed.success && isSafeLinkedPath(parsed.data.path)) out.push(parsed.data);
  }
  return out;
}

/** Whether a dataset reference is a linked import (read again from its files' paths on open). */
export const isLinkedImport = (ref: DatasetRef): ref is Extract<DatasetRef, { kind: 'imported' }> =>
  ref.kind === 'imported' && ref.source?.storage === 'linked';

/** Every linked file path a document records (its dataset's and its runs'), once each. */
export function linkedPaths(doc: Pick<Doc, 'dataset' | 'runs'>): string[] {
  const out = new Set<string>();
  for (const ref of [doc.dataset, ...doc.runs.map((r) => r.dataset)])
    if (ref.kind === 'imported') for (const f of linkedFilesOf(ref.source)) out.add(f.path);
  return [...out];
}

/** The linked file paths a project file's text records; [] when it does not load. */
export function linkedPathsInProject(text: string): string[] {
  const loaded = parseProject(text);
  return loaded.ok ? linkedPaths(loaded.value.doc) : [];
}

/** What was found at a linked file's path: its size and SHA-256, or nothing. */
export interface FoundFile {
  bytes: number;
  sha256: string;
}

/** The outcome of checking a linked file against what is on disk now. */
export type LinkCheck =
  | { kind: 'ok' }
  | { kind: 'missing'; name: string; path: string }
  | { kind: 'changed'; name: string; path: string };

/** Compares a linked file's record with the file found at its path (null: no file there). */
export function checkLinkedFile(file: LinkedFile, found: FoundFile | null): LinkCheck {
  if (found === null) return { kind: 'missing', name: file.name, path: file.path };
  if (found.bytes !== file.bytes || found.sha256.toLowerCase() !== file.sha256)
    return { kind: 'changed', name: file.name, path: file.path };
  return { kind: 'ok' };
}

/**
 * The source with one file moved to a new path (the user located it again), the rest as
 * they were; the file is matched by its old path.
 */
export function relinkFile(source: ImportSource, oldPath: string, newPath: string): ImportSource {
  return { ...source, files: source.files.map((f) => (f.path === oldPath ? { ...f, path: newPath } : f)) };
}
