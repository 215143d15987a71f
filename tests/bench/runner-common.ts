// Shared by the Node-side benchmark runners (run by scripts/bench.mjs through tsx, one
// process each, so each has its own peak memory): arguments, the project and its plan,
// and the single JSON line each prints as its result.
import { analyze } from '../../src/analysis/analyze';
import { loadProject } from '../../src/cli/load';
import { compilePlan, type ModelPlan } from '../../src/compiler/plan';
import type { Doc } from '../../src/graph/document';

/** What every runner is told: the project file and the step counts. */
export interface RunnerArgs {
  file: string;
  warmup: number;
  timed: number;
}

/** Parses `<project> --warmup N --timed N`; throws with the offending argument. */
export function parseRunnerArgs(argv: readonly string[]): RunnerArgs {
  const file = argv[0];
  if (!file || file.startsWith('--')) throw new Error('usage: <project file> --warmup N --timed N');
  const count = (name: string): number => {
    const i = argv.indexOf(`--${name}`);
    const n = Number(argv[i + 1]);
    if (i < 0 || !Number.isInteger(n) || n < 0) throw new Error(`--${name} needs a whole number`);
    return n;
  };
  return { file, warmup: count('warmup'), timed: count('timed') };
}

/** The project and its compiled plan; throws naming the first problem. */
export function projectPlan(file: string): { doc: Doc; plan: ModelPlan } {
  const doc = loadProject(file);
  const r = compilePlan(doc, analyze(doc));
  if (!r.ok) throw new Error(`${file}: ${r.error[0]?.message ?? 'does not compile'}`);
  return { doc, plan: r.value };
}

/** Peak resident memory of this process so far, in MB. */
export const peakRssMB = (): number => process.resourceUsage().maxRSS / 1024;

/** Prints the result as one JSON line (the only line on stdout), or the error on stderr with exit code 1. */
export async function runMain(body: () => Promise<Record<string, unknown>>): Promise<void> {
  try {
    const result = await body();
    process.stdout.write(`${JSON.stringify({ ...result, peakRssMB: peakRssMB() })}\n`);
  } catch (e) {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  }
}
