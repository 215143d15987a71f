import path from 'node:path';
import { defineConfig } from 'vite';
import { REPO_ROOT, rendererConfig } from './vite.shared.ts';

/** The renderer in a plain browser: `vite` (dev server) and `vite build` into dist-web/. */
export default defineConfig(rendererConfig(path.join(REPO_ROOT, 'dist-web')));
