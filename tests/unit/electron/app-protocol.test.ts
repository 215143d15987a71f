import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAppRequest } from '../../../electron/main/app-response';
import { MIME_TYPES as ELECTRON_MIME, RESPONSE_HEADERS } from '../../../electron/main/mime';
// The browser build's server keeps its own copy of the table (plain Node script).
import { MIME_TYPES as WEB_MIME, resolveStaticPath } from '../../../scripts/lib/static-server.mjs';

let base: string;
let root: string;
beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'layerloom-app-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'wasm'), { recursive: true });
  await mkdir(path.join(root, 'datasets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Layerloom</title>');
  await writeFile(path.join(root, 'wasm', 'x.wasm'), new Uint8Array([0, 97, 115, 109]));
  await writeFile(path.join(root, 'datasets', 'd.gz'), new Uint8Array([31, 139, 8]));
  await writeFile(path.join(base, 'secret.txt'), 'secret');
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => serveAppRequest(root, new Request(url, { method }));

describe('serveAppRequest', () => {
  it('serves index.html with the isolation headers', async () => {
    const response = await get('app://layerloom/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const [name, value] of Object.entries(RESPONSE_HEADERS))
      expect(response.headers.get(name)).toBe(value);
    expect(await response.text()).toContain('Layerloom');
  });

  it('serves wasm as application/wasm and .gz as raw bytes without Content-Encoding', async () => {
    const wasm = await get('app://layerloom/wasm/x.wasm');
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    const gz = await get('app://layerloom/datasets/d.gz');
    expect(gz.headers.get('content-type')).toBe('application/octet-stream');
    expect(gz.headers.get('content-encoding')).toBeNull();
    expect([...new Uint8Array(await gz.arrayBuffer())]).toEqual([31, 139, 8]);
  });

  it('answers 404 for traversal, missing files and other hosts, 405 for writes', async () => {
    expect((await get('app://layerloom/..%2fsecret.txt')).status).toBe(404);
    expect((await get('app://layerloom/nothing.js')).status).toBe(404);
    expect((await get('app://layerloom/wasm')).status).toBe(404);
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('app://layerloom/index.html', 'POST')).status).toBe(405);
  });
});

describe('the browser server and the app protocol', () => {
  it('use the same content types', () => {
    expect(WEB_MIME).toEqual(ELECTRON_MIME);
  });

  it('resolve paths the same way and refuse traversal', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/wasm/x.wasm?x=1')).toBe(path.join(root, 'wasm', 'x.wasm'));
    // Literal and encoded dot segments are clamped at the root by URL parsing.
    expect(resolveStaticPath(root, '/../secret.txt')).toBe(path.join(root, 'secret.txt'));
    expect(resolveStaticPath(root, '/%2e%2e/secret.txt')).toBe(path.join(root, 'secret.txt'));
    for (const bad of ['/..%2fsecret.txt', '/a%5c..%5c..%5csecret', '/%00', '/%E0%A4%A']) {
      expect(resolveStaticPath(root, bad)).toBeNull();
    }
  });
});
