import path from 'node:path';
import { defineConfig } from 'electron-vite';
import { REPO_ROOT, rendererConfig } from './vite.shared.ts';

const entry = (file: string): string => path.join(REPO_ROOT, file);

export default defineConfig({
  main: {
    build: {
      outDir: entry('out/main'),
      rolldownOptions: {
        input: { index: entry('electron/main/index.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: entry('out/preload'),
      rolldownOptions: {
        input: { index: entry('electron/preload/index.ts') },
        // A sandboxed preload must be CommonJS (TOOLCHAIN.md); .cjs because package.json says "module".
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig(entry('out/renderer')),
});
