import type { ModelPlan } from '../compiler/plan';
import type { Batch } from '../data/batches';
import type { TrainingConfig } from '../graph/document';
import {
  describePick,
  explicitPick,
  isSoftwareRenderer,
  pickFastest,
  PROBE,
  probeCandidates,
  type BackendName,
  type BackendPick,
  type ProbeResult,
} from '../training/backend-pick';
import type { BackendChoice } from '../training/protocol';
import { createRng } from '../util/random';
import {
  activateBackend,
  gpuBackends,
  setupBackend,
  type BackendOptions,
  type BackendSetup,
} from './backend';
import { buildModel } from './build-model';
import { createHostClock } from './clock';
import { webglInfo, webgpuInfo } from './gpu-info';
import { layerHandles } from './layer-handles';
import { classesOf } from './metrics';
import { Optimizer } from './optimizer';
import { trainableVariables, trainStep, type StepContext } from './train-step';

/** What the probe trains: the run's own model and optimizer settings. */
export interface ProbeSubject {
  plan: ModelPlan;
  config: TrainingConfig;
}

/** Milliseconds from some fixed origin (injectable for tests). */
export type Now = () => number;

/** A batch of PROBE.batch random examples in [0, 1) with random labels (speed does not depend on the values). */
function probeBatch(plan: ModelPlan): Batch {
  const classes = classesOf(plan);
  const per = plan.inputShape.reduce((a, b) => a * b, 1);
  const rng = createRng(PROBE.batch);
  const size = PROBE.batch;
  const x = new Float32Array(size * per).map(() => rng.next());
  const y = new Float32Array(size * classes);
  const labels = new Uint8Array(size);
  for (let r = 0; r < size; r++) {
    labels[r] = rng.int(classes);
    y[r * classes + labels[r]!] = 1;
  }
  return { size, x, y, labels };
}

/**
 * Examples per second of training steps on the active backend: one untimed warm-up step
 * (shader compilation, first allocations), then timed steps until PROBE.budgetMs have
 * passed (at least one). A throwaway model, disposed afterwards.
 */
async function timeSteps(subject: ProbeSubject, now: Now): Promise<number> {
  const { plan, config } = subject;
  const batch = probeBatch(plan);
  const model = buildModel(plan, config.seed);
  try {
    const variables = trainableVariables(model);
    const optimizer = new Optimizer(config, variables);
    try {
      const ctx: StepContext = {
        model,
        plan,
        optimizer,
        variables,
        layers: layerHandles(model, plan, variables),
      };
      const req = { batch, dropoutSeed: 1, lr: config.learningRate, sampleValues: null };
      await trainStep(ctx, req);
      const started = now();
      let steps = 0;
      while (steps < PROBE.maxSteps && (steps === 0 || now() - started < PROBE.budgetMs)) {
        await trainStep(ctx, req);
        steps++;
      }
      return (steps * batch.size * 1000) / Math.max(now() - started, 1e-3);
    } finally {
      optimizer.dispose();
    }
  } finally {
    model.dispose();
  }
}

/** Why a GPU backend is skipped before tfjs touches it (no GPU, or a software one), or null. */
async function gpuSkip(backend: BackendName): Promise<ProbeResult | null> {
  if (backend !== 'webgl' && backend !== 'webgpu') return null;
  const info = backend === 'webgl' ? webglInfo() : await webgpuInfo();
  if (!info) return { backend, kind: 'skipped', why: 'unavailable', detail: `no ${backend} device` };
  if (info.fallback || isSoftwareRenderer(info.description))
    return { backend, kind: 'skipped', why: 'software', detail: info.description || 'fallback adapter' };
  return null;
}

/** Times one backend that passed the GPU checks: measured, or skipped when it fails. */
async function probeOne(
  backend: BackendName,
  subject: ProbeSubject,
  opts: BackendOptions,
  now: Now,
): Promise<ProbeResult> {
  const problem = await activateBackend(backend, opts);
  if (problem) return { backend, kind: 'skipped', why: 'unavailable', detail: problem };
  try {
    return { backend, kind: 'measured', examplesPerSec: await timeSteps(subject, now) };
  } catch (e) {
    return { backend, kind: 'skipped', why: 'unavailable', detail: (e as Error).message ?? String(e) };
  }
}

/**
 * The backend a run trains on. A backend the user chose is set up as asked. 'auto' times
 * a few steps of the run's model on each backend it can use (GPU backends only where
 * `opts.loadGpuBackends` offers them; no device or a software renderer: skipped untimed)
 * and keeps the fastest; with wasm the only candidate left nothing is timed. Falls back to
 * wasm, then cpu.
 * @throws BackendError when an explicitly chosen backend cannot be used.
 */
export async function chooseBackend(
  choice: BackendChoice,
  subject: ProbeSubject,
  opts: BackendOptions = {},
  now: Now = createHostClock().now,
): Promise<BackendSetup> {
  if (choice !== 'auto') {
    const setup = await setupBackend(choice, opts);
    return { ...setup, pick: explicitPick(choice) };
  }
  const candidates = probeCandidates([...(await gpuBackends(opts)), 'wasm']);
  // The cheap checks first: with no usable GPU, wasm is the only candidate and nothing is timed.
  const probe: ProbeResult[] = [];
  const viable: BackendName[] = [];
  for (const b of candidates) {
    const skip = await gpuSkip(b);
    if (skip) probe.push(skip);
    else viable.push(b);
  }
  if (viable.length > 1) {
    for (const b of viable) probe.push(await probeOne(b, subject, opts, now));
  }
  const pick: BackendPick =
    viable.length > 1 ? pickFastest(probe, ['wasm', 'cpu']) : { backend: 'wasm', why: 'only', probe };
  if (pick.backend !== 'wasm' && pick.why !== 'fallback') {
    const problem = await activateBackend(pick.backend, opts);
    if (!problem) return { backend: pick.backend, reason: describePick(pick), pick };
  }
  // wasm won, nothing was timed, or the winner failed to come back: wasm, else cpu.
  const setup = await setupBackend('auto', opts);
  const final: BackendPick =
    setup.backend === pick.backend ? pick : { backend: 'cpu', why: 'fallback', probe: pick.probe };
  const why = probe.length > 0 ? `${describePick(final)}; ` : '';
  return { ...setup, reason: `${why}${setup.reason}`, pick: final };
}
