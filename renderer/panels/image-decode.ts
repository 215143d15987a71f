import { fromRgba, type DecodedImage } from '../../src/data/image-folder';

/**
 * Decodes one image file and resizes it to size×size (stretching to the square, smoothed)
 * as grayscale or RGB bytes. A file the browser cannot decode comes back as a failure
 * naming it, never as an exception.
 */
export async function decodeImage(
  file: Blob,
  path: string,
  label: number,
  size: number,
  channels: 1 | 3,
): Promise<DecodedImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { ok: false, path, message: 'could not be decoded (a damaged or unsupported image)' };
  }
  try {
    const { width, height } = bitmap;
    const canvas = new OffscreenCanvas(size, size);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return { ok: false, path, message: 'could not be drawn (no 2D canvas)' };
    // Transparent areas count as black, as in a grayscale dataset's background.
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, size, size);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, size, size);
    const pixels = fromRgba(ctx.getImageData(0, 0, size, size).data, channels);
    return { ok: true, path, label, width, height, pixels };
  } finally {
    bitmap.close();
  }
}

/** Decodes files a few at a time (bounded memory for large folders), reporting progress. */
export async function decodeAll(
  jobs: readonly { file: Blob; path: string; label: number }[],
  size: number,
  channels: 1 | 3,
  onProgress: (done: number) => void,
  cancelled: () => boolean,
): Promise<DecodedImage[] | null> {
  const out: DecodedImage[] = [];
  const batch = 16;
  for (let i = 0; i < jobs.length; i += batch) {
    if (cancelled()) return null;
    const part = jobs.slice(i, i + batch);
    out.push(...(await Promise.all(part.map((j) => decodeImage(j.file, j.path, j.label, size, channels)))));
    onProgress(out.length);
  }
  return out;
}
