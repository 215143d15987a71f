import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, resolveAppPath } from '../../../electron/main/protocol-path';

const root = path.resolve('/srv/layerloom/out/renderer');
const inRoot = (...parts: string[]) => path.join(root, ...parts);

describe('resolveAppPath', () => {
  it.each([
    [APP_ENTRY_URL, inRoot('index.html')],
    ['app://layerloom/', inRoot('index.html')],
    ['app://layerloom', inRoot('index.html')],
    ['app://layerloom/assets/index-abc.js', inRoot('assets', 'index-abc.js')],
    ['app://layerloom/wasm/tfjs-backend-wasm-simd.wasm?v=1#x', inRoot('wasm', 'tfjs-backend-wasm-simd.wasm')],
    [
      'app://layerloom/datasets/fashion-mnist/train-images-idx3-ubyte.gz',
      inRoot('datasets', 'fashion-mnist', 'train-images-idx3-ubyte.gz'),
    ],
    ['app://layerloom/a%20b.txt', inRoot('a b.txt')],
  ])('maps %s into the root', (url, expected) => {
    expect(resolveAppPath(root, url)).toBe(expected);
  });

  it.each([
    'app://layerloom/assets/%2e%2e%2f%2e%2e%2f..%2fetc%2fpasswd',
    'app://layerloom/..%2f..%2fsecret',
    'app://layerloom/..%5c..%5csecret',
    'app://layerloom/a\\..\\..\\secret',
    'app://layerloom/%00index.html',
    'app://layerloom/%E0%A4%A',
    'app://layerloom/C:%2fWindows%2fwin.ini',
    'app://layerloom//etc/passwd/..%2f..',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://layerloom/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('clamps literal dot segments at the root, as URL parsing does', () => {
    expect(resolveAppPath(root, 'app://layerloom/../../etc/passwd')).toBe(inRoot('etc', 'passwd'));
    expect(resolveAppPath(root, 'app://layerloom/%2e%2e/%2e%2e/etc/passwd')).toBe(inRoot('etc', 'passwd'));
  });

  it('never returns a path outside the root', () => {
    const probes = ['..', '%2e%2e', '%2E%2E', '.%2e', '%252e%252e', '...', '....//'];
    for (const a of probes) {
      for (const b of probes) {
        const resolved = resolveAppPath(root, `app://layerloom/${a}/${b}/x`);
        if (resolved !== null) expect(resolved.startsWith(root + path.sep)).toBe(true);
      }
    }
  });
});
