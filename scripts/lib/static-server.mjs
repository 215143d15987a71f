// A small static file server for the built web app (no dependencies beyond node:http).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

/**
 * Content types by extension. electron/main/mime.ts keeps the same table for the app://
 * protocol; a unit test checks the two agree. `.gz` is opaque bytes and is sent WITHOUT
 * Content-Encoding: the app fetches the Fashion-MNIST .gz files and gunzips them itself.
 */
export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.gz': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/** Sent with every response: COOP + COEP make the page cross-origin isolated (threaded wasm). */
export const RESPONSE_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

/**
 * Maps a request URL to a file under root, or null for anything that could leave it
 * (`..`, encoded slashes, backslashes, NUL). `/` and folder URLs map to index.html.
 */
export function resolveStaticPath(root, requestUrl) {
  let relative;
  try {
    relative = decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0') || relative.includes('\\')) return null;
  const segments = relative.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || s.includes(':'))) return null;
  if (segments.length === 0 || relative.endsWith('/')) segments.push('index.html');
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  return file.startsWith(base + path.sep) ? file : null;
}

function sendText(res, status, text, extra = {}) {
  res.writeHead(status, { ...RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra });
  res.end(text);
}

/** An http.Server serving the files under root (GET and HEAD only). */
export function createStaticServer(root) {
  return http.createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    const file = resolveStaticPath(root, req.url ?? '/');
    const info = file && (await stat(file).catch(() => null));
    if (!file || !info || !info.isFile()) {
      sendText(res, 404, 'Not found\n');
      return;
    }
    res.writeHead(200, {
      ...RESPONSE_HEADERS,
      'Content-Type': MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
}

/** Starts serving root on host:port (0 = any free port); resolves to {server, url}. */
export function listen(root, { host = '127.0.0.1', port = 0 } = {}) {
  const server = createStaticServer(root);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({ server, url: `http://${host}:${address.port}/` });
    });
  });
}
