#!/usr/bin/env node
// Times LeNet-BN training steps (batch 256) on the wasm backend with and without each of
// the runtime's fast paths, alternating variants so that machine load hits all alike,
// and prints examples/s per variant and a per-kernel profile of the fastest and slowest.
//   node scripts/profile-step.mjs [--steps 10] [--rounds 3] [--batch 256] [--template lenet-bn] [--stats]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { register } from 'tsx/esm/api';
import { ROOT } from './lib/paths.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const STEPS = Number(opt('steps', 10));
const ROUNDS = Number(opt('rounds', 3));
const BATCH = Number(opt('batch', 256));
const TEMPLATE = opt('template', 'lenet-bn');
const STATS = args.includes('--stats');
// --only fast: just the variant with every fast path (e.g. under node --cpu-prof).
const ONLY_FAST = opt('only', '') === 'fast';

register();
const src = (p) => import(path.join(ROOT, 'src', p));
const { parseProject } = await src('project/parse.ts');
const { compilePlan } = await src('compiler/plan.ts');
const { setupBackend } = await src('runtime/backend.ts');
const { buildModel } = await src('runtime/build-model.ts');
const { Optimizer } = await src('runtime/optimizer.ts');
const { layerHandles } = await src('runtime/layer-handles.ts');
const { trainStep, trainableVariables } = await src('runtime/train-step.ts');
const { registerRuntimeKernels, FAST_PATHS } = await src('runtime/kernels/register.ts');
const { profileKernels } = await src('runtime/kernels/profile.ts');

const parsed = parseProject(readFileSync(path.join(ROOT, 'assets/templates', `${TEMPLATE}.json`), 'utf8'));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
const doc = parsed.value.doc;
const compiled = compilePlan(doc);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.error));
const plan = compiled.value;

const wasmDir =
  path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
const setup = await setupBackend('wasm', { wasmPaths: wasmDir });
console.log(`backend: ${setup.reason}; ${TEMPLATE}, batch ${BATCH}, ${STEPS} steps x ${ROUNDS} rounds`);

// Synthetic data (timing does not depend on the values): pixels in [0, 1], random labels.
const classes = plan.head.classes;
const per = plan.inputShape.reduce((a, b) => a * b, 1);
let seed = 12345;
const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const batch = {
  size: BATCH,
  x: new Float32Array(BATCH * per),
  y: new Float32Array(BATCH * classes),
  labels: new Uint8Array(BATCH),
};
for (let i = 0; i < batch.x.length; i++) batch.x[i] = rand();
for (let i = 0; i < BATCH; i++) batch.y[i * classes + Math.floor(rand() * classes)] = 1;

const model = buildModel(plan, 1);
const variables = trainableVariables(model);
const ctx = {
  model,
  plan,
  optimizer: new Optimizer(doc.training, variables),
  variables,
  layers: layerHandles(model, plan, variables),
};
const step = (k) => trainStep(ctx, { batch, dropoutSeed: k, lr: 0.01, sampleValues: STATS ? 4096 : null });

/** Variants: everything off, each one on alone, everything on. */
const variants = [
  ...(ONLY_FAST
    ? []
    : [
        { name: 'tfjs only', disabled: [...FAST_PATHS] },
        ...FAST_PATHS.map((p) => ({ name: `+${p}`, disabled: FAST_PATHS.filter((q) => q !== p) })),
      ]),
  { name: 'all fast paths', disabled: [] },
];
const times = new Map(variants.map((v) => [v.name, []]));
for (const v of variants) {
  registerRuntimeKernels(v.disabled);
  await step(0); // warm-up
}
for (let r = 0; r < ROUNDS; r++) {
  for (const v of variants) {
    registerRuntimeKernels(v.disabled);
    const t0 = performance.now();
    for (let k = 0; k < STEPS; k++) await step(k);
    times.get(v.name).push((performance.now() - t0) / STEPS);
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log('\nvariant                 ms/step   examples/s');
for (const v of variants) {
  const ms = median(times.get(v.name));
  console.log(
    `${v.name.padEnd(22)} ${ms.toFixed(1).padStart(8)} ${Math.round((BATCH * 1000) / ms)
      .toString()
      .padStart(12)}`,
  );
}
for (const v of new Set([variants[0], variants[variants.length - 1]])) {
  registerRuntimeKernels(v.disabled);
  const kernels = await profileKernels(async () => {
    for (let k = 0; k < 3; k++) await step(k);
  });
  const total = kernels.reduce((a, k) => a + k.ms, 0);
  console.log(`\nkernels, ${v.name} (per step, total ${(total / 3).toFixed(1)} ms):`);
  for (const k of kernels.slice(0, 18))
    console.log(
      `  ${k.name.padEnd(28)} ${(k.ms / 3).toFixed(2).padStart(8)} ms ${String(k.calls / 3).padStart(6)} calls`,
    );
}
registerRuntimeKernels();
