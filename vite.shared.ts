/**
 * Renderer build settings shared by vite.config.ts (browser build, dev server) and
 * electron.vite.config.ts (the desktop app's renderer), so both ship the same app.
 */
import react from '@vitejs/plugin-react';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, UserConfig } from 'vite';

/** The repository root (this file's folder). */
export const REPO_ROOT = fileURLToPath(new URL('.', import.meta.url));

/** COOP + COEP: the page is cross-origin isolated, as the threaded wasm backend needs. */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/** Files the app fetches at run time, served at `to/<name>` in dev and copied there by builds. */
const RUNTIME_FILES = [
  { from: 'assets/datasets/fashion-mnist', to: 'datasets/fashion-mnist', pattern: /\.gz$/ },
  { from: 'assets/datasets/mnist', to: 'datasets/mnist', pattern: /\.gz$/ },
  { from: 'node_modules/@tensorflow/tfjs-backend-wasm/dist', to: 'wasm', pattern: /\.wasm$/ },
] as const;

const RUNTIME_MIME: Record<string, string> = {
  '.gz': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

/** Every runtime file as [URL path without leading slash, absolute source path]. */
function runtimeFiles(): Array<[string, string]> {
  return RUNTIME_FILES.flatMap(({ from, to, pattern }) => {
    const dir = path.join(REPO_ROOT, from);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => pattern.test(name))
      .map((name): [string, string] => [`${to}/${name}`, path.join(dir, name)]);
  });
}

/**
 * Serves the runtime files from their source folders in dev, and copies them into the
 * output folder after a build, so the 30 MB of datasets are never duplicated in git.
 * `.gz` goes out as plain bytes without Content-Encoding: the app gunzips it itself.
 */
function runtimeFilesPlugin(): Plugin {
  return {
    name: 'layerloom:runtime-files',
    configureServer(server) {
      const files = new Map(runtimeFiles());
      server.middlewares.use((req, res, next) => {
        const urlPath = decodeURIComponent((req.url ?? '').split('?')[0] ?? '').replace(/^\/+/, '');
        const file = files.get(urlPath);
        if (file === undefined) return next();
        res.writeHead(200, {
          ...ISOLATION_HEADERS,
          'Content-Type': RUNTIME_MIME[path.extname(file)] ?? 'application/octet-stream',
          'Content-Length': statSync(file).size,
          'Cache-Control': 'no-cache',
        });
        if (req.method === 'HEAD') res.end();
        else createReadStream(file).pipe(res);
      });
    },
    async writeBundle(options) {
      const outDir = options.dir;
      if (outDir === undefined) return;
      for (const [urlPath, source] of runtimeFiles()) {
        const target = path.join(outDir, urlPath);
        await mkdir(path.dirname(target), { recursive: true });
        await copyFile(source, target);
      }
    },
  };
}

/**
 * The dev server needs what the strict CSP in index.html forbids: the React refresh
 * preamble is an inline script and HMR talks over a websocket. Relax it in dev only.
 */
function devCspPlugin(): Plugin {
  return {
    name: 'layerloom:dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace(/script-src 'self'/, "script-src 'self' 'unsafe-inline'")
        .replace(/connect-src 'self'/, "connect-src 'self' ws: wss:");
    },
  };
}

/** The renderer's Vite config, building into `outDir` (absolute). */
export function rendererConfig(outDir: string): UserConfig {
  const root = path.join(REPO_ROOT, 'renderer');
  return {
    root,
    base: './',
    publicDir: false,
    plugins: [react(), runtimeFilesPlugin(), devCspPlugin()],
    // The threaded wasm backend breaks when the worker bundle is minified
    // (TOOLCHAIN.md); output.minify here overrides Vite's default for workers only.
    worker: { format: 'es', rolldownOptions: { output: { minify: false } } },
    build: {
      outDir,
      emptyOutDir: true,
      chunkSizeWarningLimit: 4096,
      rolldownOptions: { input: path.join(root, 'index.html') },
    },
    server: { headers: ISOLATION_HEADERS },
    preview: { headers: ISOLATION_HEADERS },
  };
}
