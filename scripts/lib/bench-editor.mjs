// `npm run bench`, the editor case: a 200-layer graph opened in the app in headless
// Chromium, one layer dragged around and the canvas panned with the mouse, as a user does.
// Reports the longest main-thread task and the 95th-percentile frame time while doing so
// (the goal: no task over 50 ms). The init script only measures; the gestures are mouse only.
/* global window, PerformanceObserver, requestAnimationFrame */
import { chromium } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentile } from './bench-results.mjs';
import { LAUNCH } from './bench-ui.mjs';
import { ROOT } from './paths.mjs';

const en = JSON.parse(readFileSync(path.join(ROOT, 'assets/locales/en.json'), 'utf8'));

/**
 * A valid project of `count` layers: Input, Flatten, a chain of Dense layers, the logits
 * Dense and the Output, laid out in columns of 20 (the shape of a deep network drawn by hand).
 */
export function bigProject(count = 200) {
  const base = JSON.parse(readFileSync(path.join(ROOT, 'assets/templates/mlp-fashion.json'), 'utf8'));
  const perColumn = 20;
  const at = (i) => ({ x: Math.floor(i / perColumn) * 240, y: (i % perColumn) * 80 });
  const layers = [
    { ...base.layers.find((l) => l.kind === 'input'), position: at(0) },
    { ...base.layers.find((l) => l.kind === 'flatten'), position: at(1) },
  ];
  const hidden = base.layers.find((l) => l.id === 'hidden');
  for (let i = 0; i < count - 4; i++) {
    layers.push({
      ...hidden,
      id: `d${i}`,
      name: `d${i}`,
      params: { ...hidden.params, units: 32 },
      position: at(i + 2),
    });
  }
  layers.push({ ...base.layers.find((l) => l.id === 'logits'), position: at(count - 2) });
  layers.push({ ...base.layers.find((l) => l.kind === 'output'), position: at(count - 1) });
  const edges = layers.slice(1).map((l, i) => ({
    id: `e${i}`,
    source: layers[i].id,
    target: l.id,
    targetPort: 0,
  }));
  return { ...base, name: `${count} layers`, layers, edges, runs: [] };
}

/** Runs in the page before the app: records long tasks and animation-frame intervals. */
function installProbe() {
  const probe = { longTasks: [], frames: [] };
  Object.defineProperty(window, '__layerloomEditorBench', { value: probe });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ at: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  let last = null;
  const frame = (t) => {
    if (last !== null) probe.frames.push({ at: t, ms: t - last });
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** The figures of one gesture window [from, to] (page clock). */
function figures(name, probe, from, to) {
  const inWindow = (x) => x.at >= from && x.at <= to;
  const tasks = probe.longTasks.filter(inWindow).map((t) => t.ms);
  const frames = probe.frames.filter(inWindow).map((f) => f.ms);
  return {
    name,
    longestTaskMs: tasks.length > 0 ? Math.max(...tasks) : 0,
    p95FrameMs: percentile(frames, 95),
    frames: frames.length,
  };
}

const now = (page) => page.evaluate(() => performance.now());

/** Drags with the mouse (`button`) from a point along a loop of `steps` moves and back. */
async function mouseLoop(page, from, radius, steps, button = 'left') {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down({ button });
  for (let i = 1; i <= steps; i++) {
    const a = (i / steps) * 2 * Math.PI;
    await page.mouse.move(from.x + radius * Math.sin(a), from.y + radius * (1 - Math.cos(a)) * 0.5);
  }
  await page.mouse.up({ button });
}

/**
 * Opens a 200-layer project through the Open button, then (1) drags a layer in loops,
 * (2) pans the canvas with the middle button and (3) draws a selection box over it. Resolves to the `ui` entries of the results.
 */
export async function measureEditor(url, { layers = 200, steps = 120 } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'layerloom-bench-editor-'));
  const file = path.join(dir, `big-${layers}.layerloom`);
  writeFileSync(file, JSON.stringify(bigProject(layers)));
  const browser = await chromium.launch({ ...LAUNCH, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    await page.addInitScript(installProbe);
    await page.goto(url);
    await page.getByLabel(en.ui.toolbar.fileInput).setInputFiles(file);
    const main = page.getByRole('main');
    await main
      .locator('.react-flow__node')
      .nth(layers - 1)
      .waitFor({ state: 'attached', timeout: 60_000 });
    const count = await main.locator('.react-flow__node').count();
    if (count !== layers) throw new Error(`expected ${layers} layers on the canvas, found ${count}`);
    await page.getByRole('button', { name: en.ui.toolbar.fit }).click();
    await page.waitForTimeout(500);
    const results = [];

    const node = main.getByRole('group', { name: /^Dense d40$/ });
    const box = await node.boundingBox();
    if (!box) throw new Error('layer d40 is not on screen');
    let t0 = await now(page);
    await mouseLoop(page, { x: box.x + box.width / 2, y: box.y + box.height / 2 }, 160, steps);
    await page.waitForTimeout(200);
    results.push(
      figures(`editor: drag a layer (${layers} layers)`, await probeOf(page), t0, await now(page)),
    );

    // Panning is a middle-button (or right-button) drag on empty canvas; the left button
    // draws a selection box, measured as its own case.
    const pane = await main.boundingBox();
    const empty = { x: pane.x + pane.width / 2, y: pane.y + pane.height - 12 };
    t0 = await now(page);
    await mouseLoop(page, empty, 200, steps, 'middle');
    await page.waitForTimeout(200);
    results.push(figures(`editor: pan (${layers} layers)`, await probeOf(page), t0, await now(page)));

    t0 = await now(page);
    await mouseLoop(page, empty, 200, steps, 'left');
    await page.waitForTimeout(200);
    results.push(figures(`editor: box-select (${layers} layers)`, await probeOf(page), t0, await now(page)));
    return results;
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const probeOf = (page) => page.evaluate(() => window.__layerloomEditorBench);
