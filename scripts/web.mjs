#!/usr/bin/env node
// `npm run web`: build the renderer for the browser into dist-web/ (unless --no-build or
// already fresh), then serve it on 127.0.0.1 with the cross-origin isolation headers.
// Standard output carries exactly one line, the URL; everything else goes to stderr.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { listen } from './lib/static-server.mjs';
import { BIN, DIST_WEB, ROOT } from './lib/paths.mjs';
import { runNode } from './lib/run.mjs';

/** What the web build is made from; newer than dist-web/index.html means rebuild. */
const BUILD_INPUTS = ['renderer', 'src', 'assets', 'vite.config.ts', 'vite.shared.ts', 'package-lock.json'];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** True when dist-web/ exists and no build input changed after it was written. */
export function webBuildIsFresh() {
  const index = path.join(DIST_WEB, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return BUILD_INPUTS.every((input) => newestMtime(path.join(ROOT, input)) <= built);
}

/** Runs `vite build` for the browser; resolves to its exit code. */
export function buildWeb() {
  console.error('Layerloom: building the web app into dist-web/ ...');
  return runNode(BIN.vite, ['build', '--config', 'vite.config.ts'], { stdout: 'stderr' });
}

/** Builds when needed (unless build is false), serves dist-web/, prints the URL. */
export async function serveWeb({ build = true, port = Number(process.env.PORT ?? 0) } = {}) {
  if (build && !webBuildIsFresh()) {
    const code = await buildWeb();
    if (code !== 0) throw new Error(`the web build failed (exit code ${code})`);
  }
  if (!existsSync(path.join(DIST_WEB, 'index.html'))) {
    throw new Error('dist-web/ has no build; run `npm run build:web` or drop --no-build');
  }
  const { server, url } = await listen(DIST_WEB, { port });
  process.stdout.write(`${url}\n`);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      server.closeAllConnections();
      server.close(() => process.exit(0));
    });
  }
  return { server, url };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  serveWeb({ build: !process.argv.includes('--no-build') }).catch((error) => {
    console.error(`Layerloom: ${error.message}`);
    process.exit(1);
  });
}
