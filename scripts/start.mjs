#!/usr/bin/env node
// `npm start`: build and launch the desktop app. Where the Electron runtime cannot be had
// (the electron package downloads its binary on first launch, which fails offline) or
// cannot start, say so in one line and serve the same app in the browser instead, exactly
// as `npm run web` does. `--web` skips Electron altogether.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { BIN, ROOT } from './lib/paths.mjs';
import { run, runNode } from './lib/run.mjs';
import { serveWeb } from './web.mjs';

const ELECTRON_DIR = path.join(ROOT, 'node_modules', 'electron');
const PROBE_TIMEOUT_MS = 4_000;
const DOWNLOAD_TIMEOUT_MS = Number(process.env.LAYERLOOM_ELECTRON_DOWNLOAD_TIMEOUT_S ?? 180) * 1000;
/** An Electron that exits with an error this soon after launch is taken as unable to start. */
const EARLY_EXIT_MS = 5_000;

/** The Electron executable if it is already on disk (the logic of electron/index.js, without its download). */
function installedElectron() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const file = path.join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH,
      process.platform === 'win32' ? 'electron.exe' : 'electron',
    );
    return existsSync(file) ? file : null;
  }
  const pathFile = path.join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const file = path.join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(file) ? file : null;
}

/** Resolves true when the download host answers at all within a few seconds. */
function downloadHostReachable() {
  const url = process.env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/';
  return new Promise((resolve) => {
    const request = https.request(url, { method: 'HEAD', timeout: PROBE_TIMEOUT_MS }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve(false));
    request.end();
  });
}

/** The Electron executable, downloading it first if needed; {binary} or {reason}. */
async function obtainElectron() {
  const present = installedElectron();
  if (present) return { binary: present };
  if (!existsSync(path.join(ELECTRON_DIR, 'install.js')))
    return { reason: 'the electron package is not installed' };
  if (!(await downloadHostReachable())) return { reason: 'its download server is unreachable' };
  console.error(
    `Layerloom: downloading the Electron runtime (once; up to ${DOWNLOAD_TIMEOUT_MS / 1000} s) ...`,
  );
  const code = await run(process.execPath, [path.join(ELECTRON_DIR, 'install.js')], {
    stdout: 'stderr',
    timeoutMs: DOWNLOAD_TIMEOUT_MS,
  });
  const binary = code === 0 ? installedElectron() : null;
  return binary ? { binary } : { reason: `the download failed (exit code ${code})` };
}

/** Launches Electron on the built app; resolves {code} when it ends, or {reason} if it could not start. */
function launchElectron(binary) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(binary, ['.'], { cwd: ROOT, stdio: 'inherit' });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('error', (error) => resolve({ reason: error.message }));
    child.on('exit', (code, signal) => {
      const failed = code !== 0 || signal !== null;
      if (failed && Date.now() - started < EARLY_EXIT_MS) {
        const rootHint =
          process.platform === 'linux' && process.getuid?.() === 0 ? ', it refuses to run as root' : '';
        resolve({ reason: `it exited at once with ${signal ?? `code ${code}`}${rootHint}` });
      } else {
        resolve({ code: code ?? 1 });
      }
    });
  });
}

async function fallBackToBrowser(message) {
  console.log(`Layerloom: ${message}; serving the app in your browser instead.`);
  await serveWeb({ build: !process.argv.includes('--no-build') });
}

async function main() {
  if (process.argv.includes('--web')) return serveWeb({ build: !process.argv.includes('--no-build') });
  const electron = await obtainElectron();
  if (!electron.binary) {
    return fallBackToBrowser(
      `the Electron runtime could not be downloaded on this machine (${electron.reason})`,
    );
  }
  if (!process.argv.includes('--no-build')) {
    const code = await runNode(BIN.electronVite, ['build']);
    if (code !== 0) throw new Error(`electron-vite build failed (exit code ${code})`);
  }
  const result = await launchElectron(electron.binary);
  if (result.reason) return fallBackToBrowser(`the Electron runtime could not start here (${result.reason})`);
  process.exit(result.code);
}

main().catch((error) => {
  console.error(`Layerloom: ${error.message}`);
  process.exit(1);
});
