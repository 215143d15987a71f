import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { analyze } from '../../../src/analysis/analyze';
import { compilePlan, type ModelPlan } from '../../../src/compiler/plan';
import type { Doc } from '../../../src/graph/document';
import { parseProject } from '../../../src/project/parse';

/** Debian's Python (the first python3 on PATH cannot import Debian's torch). */
export const PYTHON = '/usr/bin/python3';

/** Whether /usr/bin/python3 can import torch. */
export const hasTorch = (): boolean =>
  spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;

/**
 * Whether torch-based checks run: yes when torch imports; with CI=true a missing torch is a
 * failure (thrown), elsewhere the checks are skipped with a note on stderr.
 */
export function torchOrSkip(): boolean {
  if (hasTorch()) return true;
  if (process.env.CI === 'true')
    throw new Error(
      `CI=true but ${PYTHON} cannot import torch: run scripts/setup.mjs (apt-get install python3-torch)`,
    );
  console.error(
    `note: PyTorch checks skipped: ${PYTHON} cannot import torch (apt-get install python3-torch)`,
  );
  return false;
}

const TEMPLATES = new URL('../../../assets/templates/', import.meta.url);

/** Every template in assets/templates, parsed, by id (the file name without .json). */
export function templates(): [string, Doc][] {
  return readdirSync(TEMPLATES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const r = parseProject(readFileSync(new URL(f, TEMPLATES), 'utf8'));
      if (!r.ok) throw new Error(`${f}: ${JSON.stringify(r.error)}`);
      return [f.replace(/\.json$/, ''), r.value.doc];
    });
}

/** The plan of a document (throws on errors: templates must compile). */
export function planOf(doc: Doc): ModelPlan {
  const r = compilePlan(doc, analyze(doc));
  if (!r.ok) throw new Error(r.error.map((d) => d.message).join('; '));
  return r.value;
}

/** The Fashion-MNIST IDX folder in assets. */
export const FASHION_DIR = new URL('../../../assets/datasets/fashion-mnist/', import.meta.url).pathname;
