import { readFile } from 'node:fs/promises';
import { mimeTypeFor, RESPONSE_HEADERS } from './mime';
import { resolveAppPath } from './protocol-path';

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * Answers one app:// request from the built renderer in `root`: the file with its content
 * type and the cross-origin isolation headers, 404 for anything outside `root` or missing,
 * 405 for methods other than GET and HEAD. Independent of Electron, so it is unit-tested.
 */
export async function serveAppRequest(root: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = resolveAppPath(root, request.url);
  if (file === null) return plain(404, 'Not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'Not found');
  }
  const headers = {
    ...RESPONSE_HEADERS,
    'Content-Type': mimeTypeFor(file),
    'Content-Length': String(body.byteLength),
  };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}
