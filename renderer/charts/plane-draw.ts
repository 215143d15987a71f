import type { PlaneExtent } from '../../src/data/extent';

/** Class colours (RGB), distinct on light and dark backgrounds; classes past 16 wrap around. */
export const CLASS_COLORS: readonly (readonly [number, number, number])[] = [
  [231, 76, 60],
  [41, 128, 185],
  [39, 174, 96],
  [243, 156, 18],
  [142, 68, 173],
  [22, 160, 133],
  [211, 84, 0],
  [52, 73, 94],
  [233, 30, 99],
  [0, 151, 167],
  [124, 179, 66],
  [121, 85, 72],
  [255, 193, 7],
  [63, 81, 181],
  [158, 158, 158],
  [0, 200, 83],
];

/** A class colour as CSS. */
export const classColor = (c: number, alpha = 1): string => {
  const [r, g, b] = CLASS_COLORS[c % CLASS_COLORS.length]!;
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
};

/** Where a data point lands on a canvas of w×h pixels (y grows upwards in the data, downwards on screen). */
export function toCanvas(extent: PlaneExtent, w: number, h: number, x: number, y: number): [number, number] {
  return [
    ((x - extent.xMin) / (extent.xMax - extent.xMin)) * w,
    h - ((y - extent.yMin) / (extent.yMax - extent.yMin)) * h,
  ];
}

/**
 * The RGBA pixels of a boundary grid: each cell in its predicted class's colour, paler
 * where the model is less sure (at chance it fades to the background). Row 0 of the grid is
 * yMin, so it becomes the bottom row of the image.
 */
export function boundaryPixels(
  probabilities: Float32Array,
  resolution: number,
  classes: number,
  background: readonly [number, number, number] = [255, 255, 255],
): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(resolution * resolution * 4);
  const chance = 1 / Math.max(classes, 1);
  for (let cell = 0; cell < resolution * resolution; cell++) {
    let best = 0;
    let p = -Infinity;
    for (let c = 0; c < classes; c++) {
      const v = probabilities[cell * classes + c]!;
      if (v > p) [p, best] = [v, c];
    }
    // 0.15 tint even at chance, so the winning class always shows; up to 0.6 when sure.
    const sure = Number.isFinite(p) ? Math.max(0, (p - chance) / (1 - chance || 1)) : 0;
    const a = 0.15 + 0.45 * sure;
    const color = CLASS_COLORS[best % CLASS_COLORS.length]!;
    const row = resolution - 1 - Math.floor(cell / resolution);
    const k = 4 * (row * resolution + (cell % resolution));
    for (let ch = 0; ch < 3; ch++) out[k + ch] = background[ch]! * (1 - a) + color[ch]! * a;
    out[k + 3] = 255;
  }
  return out;
}

/** The points of a 2D set, coloured by class (or by value for regression targets). */
export interface PlanePoints {
  extent: PlaneExtent;
  /** Row-major [x, y] pairs. */
  features: Float32Array;
  count: number;
  labels: Uint8Array | null;
}

/** Draws the points as small dots with a light outline, so they stay visible on any tint. */
export function drawPoints(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  pts: PlanePoints,
  radius = 2.4,
): void {
  ctx.lineWidth = 1;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
  for (let i = 0; i < pts.count; i++) {
    const [px, py] = toCanvas(pts.extent, w, h, pts.features[2 * i]!, pts.features[2 * i + 1]!);
    ctx.beginPath();
    ctx.arc(px, py, radius, 0, 2 * Math.PI);
    ctx.fillStyle = pts.labels ? classColor(pts.labels[i]!) : 'rgb(52, 73, 94)';
    ctx.fill();
    ctx.stroke();
  }
}

/** Draws the two axes through the origin (when it is in view), faintly. */
export function drawAxes(ctx: CanvasRenderingContext2D, w: number, h: number, extent: PlaneExtent): void {
  const [ox, oy] = toCanvas(extent, w, h, 0, 0);
  ctx.strokeStyle = 'rgba(127, 127, 127, 0.35)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  if (ox >= 0 && ox <= w) {
    ctx.moveTo(ox, 0);
    ctx.lineTo(ox, h);
  }
  if (oy >= 0 && oy <= h) {
    ctx.moveTo(0, oy);
    ctx.lineTo(w, oy);
  }
  ctx.stroke();
}

/** Sizes a canvas's backing store for the device's pixel ratio and returns its context scaled to CSS pixels. */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  w: number,
  h: number,
): CanvasRenderingContext2D | null {
  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  canvas.width = Math.round(w * ratio);
  canvas.height = Math.round(h * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}
