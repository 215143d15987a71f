import type { Doc, RunRecord } from './document';

/**
 * Most runs a project keeps: appending past it drops the oldest ones, so a project that
 * has trained for weeks still opens quickly (each run holds at most about 1,500 numbers).
 */
export const MAX_RUNS = 100;

/** The number the next run gets for its default label ("Run 4"): one past the highest so far. */
export function nextRunSeq(runs: readonly RunRecord[]): number {
  return runs.reduce((m, r, i) => Math.max(m, r.seq ?? i + 1), 0) + 1;
}

/** Appends a run record, keeping at most MAX_RUNS (the oldest go first). */
export function appendRun(runs: readonly RunRecord[], run: RunRecord): RunRecord[] {
  return [...runs.filter((r) => r.id !== run.id), run].slice(-MAX_RUNS);
}

/** Renames a run; an empty (or blank) name goes back to the default label. Unknown ids change nothing. */
export function renameRun(runs: readonly RunRecord[], id: string, label: string): readonly RunRecord[] {
  if (!runs.some((r) => r.id === id)) return runs;
  const name = label.trim();
  return runs.map((r) => {
    if (r.id !== id) return r;
    const { label: _old, ...rest } = r;
    return name === '' ? rest : { ...rest, label: name };
  });
}

/** Removes runs by id. */
export function deleteRuns(runs: readonly RunRecord[], ids: readonly string[]): RunRecord[] {
  const gone = new Set(ids);
  return runs.filter((r) => !gone.has(r.id));
}

/**
 * The document with its run history replaced (runs are data of the project, not of its
 * design). The same document comes back when it already holds exactly these records,
 * so undo/redo still return the very document they kept.
 */
export function withRuns(doc: Doc, runs: readonly RunRecord[]): Doc {
  const same = doc.runs.length === runs.length && runs.every((r, i) => r === doc.runs[i]);
  return same ? doc : { ...doc, runs: [...runs] };
}
