import { useEffect, useMemo, useRef } from 'react';
import type { ImageDataset } from '../../src/data/dataset';
import { classColor, prepareCanvas } from './plane-draw';

/** Indices of up to `per` examples of each class, class by class. */
export function sampleByClass(labels: Uint8Array, classes: number, per: number): number[] {
  const picked: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const g = picked[labels[i]!];
    if (g && g.length < per) g.push(i);
  }
  return picked.flat();
}

/** Draws one example (grayscale or RGB bytes) into an RGBA image. */
function exampleImage(ds: ImageDataset, i: number): ImageData {
  const [h, w, c] = ds.inputShape as [number, number, number];
  const img = new ImageData(w, h);
  const base = i * h * w * c;
  for (let p = 0; p < h * w; p++) {
    for (let k = 0; k < 3; k++) img.data[4 * p + k] = ds.pixels[base + p * c + (c === 3 ? k : 0)]!;
    img.data[4 * p + 3] = 255;
  }
  return img;
}

const CELL = 44;

/** A grid of example images, a few per class, each framed in its class colour. */
export function ImageGrid({
  ds,
  label,
  perClass = 8,
}: {
  ds: ImageDataset;
  label: string;
  perClass?: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const picks = useMemo(() => sampleByClass(ds.labels, ds.classes, perClass), [ds, perClass]);
  const cols = Math.max(1, Math.min(perClass, picks.length));
  const rows = Math.ceil(picks.length / cols);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas && prepareCanvas(canvas, cols * CELL, rows * CELL);
    if (!ctx) return;
    const tile = document.createElement('canvas');
    const [h, w] = ds.inputShape as [number, number];
    tile.width = w;
    tile.height = h;
    const tctx = tile.getContext('2d');
    if (!tctx) return;
    ctx.imageSmoothingEnabled = false;
    picks.forEach((idx, k) => {
      const x = (k % cols) * CELL;
      const y = Math.floor(k / cols) * CELL;
      tctx.putImageData(exampleImage(ds, idx), 0, 0);
      ctx.fillStyle = classColor(ds.labels[idx]!);
      ctx.fillRect(x + 1, y + 1, CELL - 2, CELL - 2);
      ctx.drawImage(tile, x + 4, y + 4, CELL - 8, CELL - 8);
    });
  }, [ds, picks, cols, rows]);
  return (
    <canvas
      ref={ref}
      className="image-grid"
      role="img"
      aria-label={label}
      style={{ width: cols * CELL, height: rows * CELL }}
    />
  );
}
