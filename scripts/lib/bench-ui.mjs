// `npm run bench`, runner (a): the app's own trainer in its worker, in headless Chromium,
// driven through the UI as a user would (pick the template, set the training examples and
// epochs, press Train). An init script only measures: it listens to the worker's messages
// (step times, backend) and records long tasks and animation-frame intervals.
// installProbe and the evaluate callback run in the page, hence the browser globals:
/* global window, PerformanceObserver, requestAnimationFrame */
import { chromium } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.mjs';

/** The same browser set-up as playwright.config.ts (Playwright cannot download browsers here). */
export const LAUNCH = {
  executablePath: process.env.LAYERLOOM_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

/** The UI's words come from the message catalogue, as users see them. */
const en = JSON.parse(readFileSync(path.join(ROOT, 'assets/locales/en.json'), 'utf8'));
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Runs in the page before the app: wraps Worker to listen (only) to its messages, and
 * records long tasks and the intervals between animation frames.
 */
function installProbe() {
  const probe = { batches: [], statsSteps: [], started: null, finished: null, longTasks: [], frames: [] };
  Object.defineProperty(window, '__layerloomBench', { value: probe });
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const m = e.data;
        const at = performance.now();
        if (!m || typeof m !== 'object') return;
        if (m.type === 'batches') {
          probe.batches.push({ at, steps: Array.from(m.steps), examplesPerSec: m.examplesPerSec });
        } else if (m.type === 'layer-stats') {
          probe.statsSteps.push(m.step);
        } else if (m.type === 'started') {
          probe.started = { at, backend: m.backend, reason: m.reason };
        } else if (m.type === 'finished' || m.type === 'failed') {
          const detail = m.type === 'failed' ? m.diagnostic.message : m.reason;
          probe.finished = { at, type: m.type, detail };
        }
      });
    }
  };
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

/** Process ids of `pid` and all of its descendants (Linux /proc), or [] elsewhere. */
export function processTree(pid) {
  let entries;
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  const children = new Map();
  for (const d of entries) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const out = [];
  const walk = (p) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return out;
}

/** The largest peak resident set (VmHWM) among the renderer processes under `rootPid`, in MB, or null. */
function rendererPeakRssMB(rootPid) {
  let peak = null;
  for (const pid of processTree(rootPid)) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      if (Number.isFinite(kb)) peak = Math.max(peak ?? 0, kb / 1024);
    } catch {
      // Gone already.
    }
  }
  return peak;
}

/** Picks a template from the gallery, sets the examples and epochs, presses Train, waits for the end. */
export async function trainThroughUi(page, { title, examples, timeoutMs, epochs = 1 }) {
  await page.getByRole('button', { name: en.ui.gallery.open }).click();
  const gallery = page.getByRole('dialog', { name: en.ui.gallery.title });
  await gallery.getByRole('button', { name: title, exact: true }).click();
  await gallery.waitFor({ state: 'hidden' });
  const training = page.getByRole('region', { name: en.ui.training.title });
  const limit = training.getByLabel(en.ui.training.trainLimit);
  await limit.fill(String(examples));
  await limit.press('Enter');
  const epochField = training.getByLabel(en.ui.training.epochs);
  await epochField.fill(String(epochs));
  await epochField.press('Enter');
  await training.getByRole('button', { name: en.ui.training.train, exact: true }).click();
  const ends = Object.values(en.ui.training.finished).map(escapeRegExp).join('|');
  const done = training.getByText(new RegExp(`^(${ends})$`)).or(training.getByRole('alert'));
  await done.first().waitFor({ timeout: timeoutMs });
}

/** What the probe saw during one run, reduced to the figures the bench reports. */
function summarize(probe) {
  const from = probe.started?.at ?? 0;
  const to = probe.finished?.at ?? Infinity;
  const inRun = (x) => x.at >= from && x.at <= to;
  return {
    batches: probe.batches,
    statsSteps: probe.statsSteps,
    started: probe.started,
    finished: probe.finished,
    longTasksMs: probe.longTasks.filter(inRun).map((t) => t.ms),
    framesMs: probe.frames.filter(inRun).map((f) => f.ms),
  };
}

/**
 * Trains each case once in a fresh browser (so the renderer's peak memory is that run's).
 * `cases`: [{name, title, examples}]. Resolves to [{name, batches, statsSteps, started,
 * finished, longTasksMs, framesMs, peakRssMB, pageErrors}] or, for a case that could not run, {name, error}.
 */
export async function measureInBrowser(url, cases, { timeoutMs = 600_000 } = {}) {
  const results = [];
  for (const c of cases) {
    const browser = await chromium.launch({ ...LAUNCH, headless: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(installProbe);
      await page.goto(url);
      await trainThroughUi(page, { ...c, timeoutMs });
      const probe = summarize(await page.evaluate(() => window.__layerloomBench));
      // Playwright starts the browser as a child of this process, one browser at a time.
      const peakRssMB = rendererPeakRssMB(process.pid);
      results.push({ name: c.name, ...probe, peakRssMB, pageErrors: errors });
    } catch (e) {
      results.push({ name: c.name, error: e.message.split('\n')[0] });
    } finally {
      await browser.close();
    }
  }
  return results;
}
