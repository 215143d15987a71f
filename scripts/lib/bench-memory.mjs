// `npm run bench`, the memory case: the full Fashion-MNIST (60,000 training and 10,000 test
// images of 28x28) loaded and trained by the app's worker in headless Chromium, driven through
// the UI. While it trains, the resident memory of Chromium's renderer processes is sampled
// from /proc (a dedicated worker lives in its page's renderer process, so that process's peak
// is an upper bound of the worker's), and the worker's own JavaScript heap and array buffers
// (the wasm heap among them) are read over the DevTools protocol.
/* global window */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { LAUNCH, processTree, trainThroughUi } from './bench-ui.mjs';

/** The budget the issue sets for the worker: 70,000 images load and train under 500 MB. */
export const MEMORY_BUDGET_MB = 500;

const MB = 2 ** 20;

/** VmRSS and VmHWM (peak) in MB of every Chromium renderer process under `rootPid`, by pid. */
export function rendererMemory(rootPid) {
  const out = new Map();
  for (const pid of processTree(rootPid)) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1]);
      out.set(pid, { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 });
    } catch {
      // Gone already.
    }
  }
  return out;
}

/**
 * Follows the page's dedicated workers over CDP (the older non-flattened target messages,
 * since Playwright's own sessions do not route a child session) and reads each worker's
 * heap use on demand: `sample()` resolves to the largest worker's {heapMB, buffersMB} or null.
 */
async function workerHeapProbe(page) {
  const cdp = await page.context().newCDPSession(page);
  const workers = new Set();
  const pending = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workers.add(e.sessionId);
  });
  cdp.on('Target.detachedFromTarget', (e) => workers.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    const done = pending.get(m.id);
    if (done) {
      pending.delete(m.id);
      done(m.result ?? null);
    }
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const ask = (sessionId, method) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
        .catch(() => {
          pending.delete(id);
          resolve(null);
        });
      setTimeout(() => pending.delete(id) && resolve(null), 2000);
    });
  return {
    /** The page's own heap and array buffers in MB (the rest of the renderer process). */
    async page() {
      const r = await cdp.send('Runtime.getHeapUsage').catch(() => null);
      return r ? (r.usedSize + (r.backingStorageSize ?? 0)) / MB : null;
    },
    async sample() {
      let best = null;
      for (const sessionId of workers) {
        const r = await ask(sessionId, 'Runtime.getHeapUsage');
        if (!r) continue;
        const heapMB = r.usedSize / MB;
        // Array buffers (typed arrays, the wasm memory) live outside the V8 heap.
        const buffersMB = (r.backingStorageSize ?? 0) / MB;
        if (!best || heapMB + buffersMB > best.heapMB + best.buffersMB) best = { heapMB, buffersMB };
      }
      return best;
    },
    detach: () => cdp.detach().catch(() => undefined),
  };
}

/**
 * Trains `title` (a gallery template on Fashion-MNIST) on all 60,000 training images for
 * `epochs` epochs (235 steps of 256 each) and evaluates on the 10,000 test images, sampling
 * memory every `intervalMs`. Resolves to {steps, finished, rendererPeakMB, rendererPeakRssMB,
 * rendererIdleMB, workerPeakMB, workerHeapPeakMB, workerBuffersPeakMB, pagePeakMB, budgetMB, pageErrors} or {error}.
 */
export async function measureFullDataMemory(
  url,
  { title, epochs = 1, intervalMs = 250, timeoutMs = 900_000 },
) {
  const browser = await chromium.launch({ ...LAUNCH, headless: true });
  const peaks = { rss: 0, worker: null, page: null };
  let timer = null;
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      const seen = { steps: 0, finished: null };
      Object.defineProperty(window, '__layerloomMemory', { value: seen });
      const NativeWorker = window.Worker;
      window.Worker = class extends NativeWorker {
        constructor(...args) {
          super(...args);
          this.addEventListener('message', (e) => {
            const m = e.data;
            if (m?.type === 'batches') seen.steps += m.steps.length;
            else if (m?.type === 'finished') seen.finished = m.reason;
            else if (m?.type === 'failed') seen.finished = `failed: ${m.diagnostic.message}`;
          });
        }
      };
    });
    const heap = await workerHeapProbe(page);
    let sampling = false;
    timer = setInterval(() => {
      if (sampling) return;
      sampling = true;
      for (const m of rendererMemory(process.pid).values()) peaks.rss = Math.max(peaks.rss, m.rssMB);
      void heap
        .page()
        .then((p) => {
          if (p !== null) peaks.page = Math.max(peaks.page ?? 0, p);
          return heap.sample();
        })
        .then((w) => {
          if (!w) return;
          const p = peaks.worker ?? { heapMB: 0, buffersMB: 0, totalMB: 0 };
          peaks.worker = {
            heapMB: Math.max(p.heapMB, w.heapMB),
            buffersMB: Math.max(p.buffersMB, w.buffersMB),
            totalMB: Math.max(p.totalMB, w.heapMB + w.buffersMB),
          };
        })
        .finally(() => (sampling = false));
    }, intervalMs);
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    // The app at rest, before any data is loaded: what the renderer costs without training.
    const idle = [...rendererMemory(process.pid).values()].map((r) => r.rssMB);
    await trainThroughUi(page, { title, examples: 60_000, epochs, timeoutMs });
    clearInterval(timer);
    const seen = await page.evaluate(() => window.__layerloomMemory);
    // VmHWM is the kernel's own peak: it catches what sampling between two reads misses.
    const renderers = [...rendererMemory(process.pid).values()];
    await heap.detach();
    return {
      steps: seen.steps,
      finished: seen.finished,
      rendererPeakMB: renderers.length > 0 ? Math.max(...renderers.map((r) => r.peakMB)) : null,
      rendererPeakRssMB: peaks.rss || null,
      rendererIdleMB: idle.length > 0 ? Math.max(...idle) : null,
      workerPeakMB: peaks.worker?.totalMB ?? null,
      workerHeapPeakMB: peaks.worker?.heapMB ?? null,
      workerBuffersPeakMB: peaks.worker?.buffersMB ?? null,
      pagePeakMB: peaks.page,
      budgetMB: MEMORY_BUDGET_MB,
      pageErrors: errors,
    };
  } catch (e) {
    return { error: e.message.split('\n')[0] };
  } finally {
    if (timer) clearInterval(timer);
    await browser.close();
  }
}
