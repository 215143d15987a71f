import path from 'node:path';
import { defineConfig } from 'vite';
import { REPO_ROOT, rendererConfig } from './vite.shared.ts';

/** The renderer in a plain browser: `vite` (dev server) and `vite build` into dist-web/. */
// LAYERLOOM_DIST_WEB moves the output (parallel e2e runs on one machine); the default is dist-web/.
const outDir = process.env['LAYERLOOM_DIST_WEB'] ?? path.join(REPO_ROOT, 'dist-web');
export default defineConfig(rendererConfig(path.resolve(outDir)));
