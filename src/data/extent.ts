/** A rectangle of a 2D input plane. */
export interface PlaneExtent {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Share of the data's range added on every side, so points never sit on the edge of a view. */
export const EXTENT_MARGIN = 0.1;

/**
 * The bounding box of the finite points of some row-major [x, y] arrays, padded by
 * {@link EXTENT_MARGIN} (a single point gets a unit square). Null when there is no finite point.
 */
export function planeExtent(pointSets: readonly Float32Array[]): PlaneExtent | null {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const pts of pointSets) {
    for (let i = 0; i + 1 < pts.length; i += 2) {
      const x = pts[i]!;
      const y = pts[i + 1]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      xMin = Math.min(xMin, x);
      xMax = Math.max(xMax, x);
      yMin = Math.min(yMin, y);
      yMax = Math.max(yMax, y);
    }
  }
  if (!(xMax >= xMin && yMax >= yMin)) return null;
  const padX = xMax > xMin ? (xMax - xMin) * EXTENT_MARGIN : 0.5;
  const padY = yMax > yMin ? (yMax - yMin) * EXTENT_MARGIN : 0.5;
  return { xMin: xMin - padX, xMax: xMax + padX, yMin: yMin - padY, yMax: yMax + padY };
}
