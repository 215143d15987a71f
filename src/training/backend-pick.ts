/**
 * Which tfjs backend a run trains on, decided without tfjs: the user's choice wins; on
 * 'auto' the trainer times a few steps on each backend it can use (`PROBE`), skipping
 * software renderers, and the fastest wins. Also how many threads the wasm backend gets.
 */

/** Backends a run can train on, fastest kind first. */
export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Backends 'auto' times against each other (the pure-JS cpu backend is only a fallback). */
export const PROBED_BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm'];

/** How the probe runs: steps of `batch` examples, timing stops once `budgetMs` have passed. */
export const PROBE = { batch: 32, budgetMs: 1000, maxSteps: 20 } as const;

/** What the probe found for one backend. */
export type ProbeResult =
  | { backend: BackendName; kind: 'measured'; examplesPerSec: number }
  /** Not timed: 'software' = a software renderer (no GPU); 'unavailable' = did not initialise or failed. */
  | { backend: BackendName; kind: 'skipped'; why: 'software' | 'unavailable'; detail: string };

/** Why the run's backend is the one it is. */
export type PickReason = 'requested' | 'fastest' | 'only' | 'fallback';

/** The backend a run uses, why, and what the probe saw (empty when nothing was timed). */
export interface BackendPick {
  backend: BackendName;
  why: PickReason;
  probe: ProbeResult[];
}

/** Renderer names of software rasterizers (WebGL's UNMASKED_RENDERER, WebGPU adapter descriptions). */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render|lavapipe|mesa offscreen/i;

/** True when a GPU renderer or adapter description names a software implementation. */
export const isSoftwareRenderer = (description: string): boolean => SOFTWARE_RENDERERS.test(description);

/**
 * Picks the fastest measured backend. With nothing measured, falls back to the first of
 * `fallbacks` (wasm, then cpu, as the trainer lists them). With one measured backend
 * (the others skipped) the pick is 'only'.
 * @throws Error when there is nothing to pick from (a programmer error: cpu is always there).
 */
export function pickFastest(probe: readonly ProbeResult[], fallbacks: readonly BackendName[]): BackendPick {
  let best: Extract<ProbeResult, { kind: 'measured' }> | null = null;
  for (const r of probe) {
    if (r.kind === 'measured' && (best === null || r.examplesPerSec > best.examplesPerSec)) best = r;
  }
  if (best) {
    const why = probe.filter((r) => r.kind === 'measured').length === 1 ? 'only' : 'fastest';
    return { backend: best.backend, why, probe: [...probe] };
  }
  const fallback = fallbacks[0];
  if (fallback === undefined) throw new Error('pickFastest: no backend measured and no fallback');
  return { backend: fallback, why: 'fallback', probe: [...probe] };
}

/**
 * The backends to time for 'auto': those of PROBED_BACKENDS the environment offers, in
 * that order. A user's explicit choice is never probed (see `explicitPick`).
 */
export const probeCandidates = (available: readonly BackendName[]): BackendName[] =>
  PROBED_BACKENDS.filter((b) => available.includes(b));

/** The pick for a backend the user chose: no probe. */
export const explicitPick = (backend: BackendName): BackendPick => ({ backend, why: 'requested', probe: [] });

/**
 * Threads for the wasm backend. The threaded build only loads in a cross-origin-isolated
 * page, and tfjs gives XNNPACK half the logical cores; with fewer than two threads to
 * gain, its shared memory and pool of helper workers cost more than they bring, so the
 * single-threaded SIMD build is used (0). `requested`: a count from the caller (0 = the
 * single-threaded build), or 'auto'.
 */
export function wasmThreadsFor(
  requested: number | 'auto',
  env: { hardwareConcurrency: number; crossOriginIsolated: boolean },
): number {
  if (!env.crossOriginIsolated) return 0;
  if (requested !== 'auto') return Math.max(0, Math.floor(requested));
  const half = Math.floor(env.hardwareConcurrency / 2);
  return half >= 2 ? half : 0;
}

const rate = (n: number): string => `${Math.round(n).toLocaleString('en-US')} ex/s`;

/** One probe result in English, e.g. 'wasm 1,850 ex/s' or 'webgl skipped (software renderer: SwiftShader)'. */
export function describeProbe(r: ProbeResult): string {
  if (r.kind === 'measured') return `${r.backend} ${rate(r.examplesPerSec)}`;
  return `${r.backend} skipped (${r.why === 'software' ? 'software renderer: ' : ''}${r.detail})`;
}

/**
 * Why the backend was picked, in English (the CLI's and the run record's reason; the app
 * words it from its message catalog), e.g. 'fastest of wasm 1,850 ex/s, webgl 40 ex/s'.
 */
export function describePick(pick: BackendPick): string {
  const measured = pick.probe.filter((r) => r.kind === 'measured').map(describeProbe);
  const skipped = pick.probe.filter((r) => r.kind === 'skipped').map(describeProbe);
  const head = {
    requested: 'chosen in the training settings',
    fastest: `fastest of ${measured.join(', ')}`,
    only:
      measured.length > 0
        ? `the only backend that ran: ${measured.join(', ')}`
        : 'the only fast backend here',
    fallback: 'no faster backend could be used',
  }[pick.why];
  return skipped.length > 0 ? `${head}; ${skipped.join('; ')}` : head;
}
