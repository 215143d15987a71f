import { useEffect, useRef } from 'react';
import { drawAxes, drawPoints, prepareCanvas, type PlanePoints } from './plane-draw';

/** A small scatter plot of a 2D set (a canvas with an accessible description). */
export function ScatterPreview({
  points,
  label,
  size = 200,
}: {
  points: PlanePoints;
  label: string;
  size?: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas && prepareCanvas(canvas, size, size);
    if (!ctx) return;
    ctx.clearRect(0, 0, size, size);
    drawAxes(ctx, size, size, points.extent);
    drawPoints(ctx, size, size, points, 2);
  }, [points, size]);
  return (
    <canvas
      ref={ref}
      className="plane-canvas"
      role="img"
      aria-label={label}
      style={{ width: size, height: size }}
    />
  );
}
