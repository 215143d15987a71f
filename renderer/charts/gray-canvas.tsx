import { useEffect, useRef } from 'react';

/** Props of a small grayscale picture: values row-major, drawn at `size` CSS pixels wide. */
export interface GrayCanvasProps {
  width: number;
  height: number;
  /** width × height values; bytes (0–255) or floats mapped from [min, max] to black–white. */
  values: ArrayLike<number>;
  range?: [number, number];
  size: number;
  /** Accessible name; without one the picture is decoration (its button or caption names it). */
  label?: string;
}

/**
 * A grayscale image on a canvas at its own resolution, scaled up with crisp pixels by CSS.
 * Without a 2D context (a test DOM) it draws nothing; its label still names it.
 */
export function GrayCanvas({ width, height, values, range = [0, 255], size, label }: GrayCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(width, height);
    const [lo, hi] = range;
    const span = hi - lo || 1;
    for (let i = 0; i < width * height; i++) {
      const v = Math.max(0, Math.min(255, Math.round((255 * (values[i]! - lo)) / span)));
      img.data[i * 4] = v;
      img.data[i * 4 + 1] = v;
      img.data[i * 4 + 2] = v;
      img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [width, height, values, range]);
  return (
    <canvas
      ref={ref}
      className="gray-canvas"
      width={width}
      height={height}
      style={{ width: size, height: (size * height) / width }}
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    />
  );
}
