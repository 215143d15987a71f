import path from 'node:path';

/**
 * Content types by extension for the app:// protocol. scripts/lib/static-server.mjs keeps
 * the same table for the browser build; a unit test checks the two agree.
 * `.gz` is deliberately opaque bytes: the renderer fetches the Fashion-MNIST `.gz` files
 * and gunzips them itself, so no `Content-Encoding` may be sent with them.
 */
export const MIME_TYPES: Readonly<Record<string, string>> = {
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

/** The content type for a file name, `application/octet-stream` when unknown. */
export function mimeTypeFor(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Headers sent with every app:// response. COOP + COEP make the page cross-origin
 * isolated, which the threaded wasm backend needs (SharedArrayBuffer).
 */
export const RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
};
