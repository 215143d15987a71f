// Locations shared by the scripts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// LAYERLOOM_DIST_WEB moves the web build (parallel e2e runs on one machine).
export const DIST_WEB = path.resolve(process.env.LAYERLOOM_DIST_WEB ?? path.join(ROOT, 'dist-web'));
export const OUT = path.join(ROOT, 'out');

/** Node entry points of the tools, run as `node <file>` so no shell is needed. */
export const BIN = {
  vite: path.join(ROOT, 'node_modules/vite/bin/vite.js'),
  electronVite: path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'),
  vitest: path.join(ROOT, 'node_modules/vitest/vitest.mjs'),
  playwright: path.join(ROOT, 'node_modules/@playwright/test/cli.js'),
  tsc: path.join(ROOT, 'node_modules/typescript/bin/tsc'),
  eslint: path.join(ROOT, 'node_modules/eslint/bin/eslint.js'),
};
