import type { ImageDataset } from './dataset';

/** File extensions read as images (PNG and JPEG). */
export const IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg'];

/** A file of a picked folder that was left out, and why (in words). */
export interface FileProblem {
  file: string;
  message: string;
}

/** The picked folder's image files grouped by class: each class is a sub-folder of the picked one. */
export interface FolderPlan {
  /** Class names (sub-folder names), sorted, so the labels do not depend on the order files arrive in. */
  classes: string[];
  /** Image files to decode, with their index in the picked list and their class. */
  images: { index: number; path: string; label: number }[];
  /** Files that were skipped before decoding. */
  skipped: FileProblem[];
}

const extensionOf = (path: string): string => {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : path.slice(dot).toLowerCase();
};

/**
 * Sorts a picked folder's files (their paths relative to the picked folder's parent,
 * such as "shapes/cat/1.png") into classes: the first sub-folder under the picked folder
 * names the class. Files directly in the picked folder and non-image files are listed as
 * skipped (hidden files such as .DS_Store silently).
 */
export function planFolder(paths: readonly string[]): FolderPlan {
  const skipped: FileProblem[] = [];
  const found: { index: number; path: string; cls: string }[] = [];
  paths.forEach((path, index) => {
    const parts = path.split('/').filter((p) => p !== '');
    const name = parts.at(-1) ?? path;
    if (name.startsWith('.')) return;
    if (parts.length < 3) {
      skipped.push({ file: path, message: 'is not inside a class sub-folder' });
    } else if (!IMAGE_EXTENSIONS.includes(extensionOf(name))) {
      skipped.push({ file: path, message: 'is not a PNG or JPEG image' });
    } else {
      found.push({ index, path, cls: parts[1]! });
    }
  });
  const classes = [...new Set(found.map((f) => f.cls))].sort();
  const images = found.map((f) => ({ index: f.index, path: f.path, label: classes.indexOf(f.cls) }));
  return { classes, images, skipped };
}

/** Most classes an image folder may have (labels are bytes). */
export const MAX_FOLDER_CLASSES = 256;

/** One decoded image: its label, original size and resized pixels (size × size × channels bytes), or why it failed. */
export type DecodedImage =
  | { ok: true; path: string; label: number; width: number; height: number; pixels: Uint8Array }
  | { ok: false; path: string; message: string };

/** Images smaller than this on either side are refused (icons, broken thumbnails). */
export const MIN_IMAGE_SIDE = 4;

/**
 * Joins decoded images into one dataset. Failed images, images smaller than
 * {@link MIN_IMAGE_SIDE}, and images whose aspect ratio differs from the most common one
 * by more than 10 % (resizing would distort them) are reported by file name and left out.
 */
export function assembleImages(
  decoded: readonly DecodedImage[],
  classes: number,
  size: number,
  channels: 1 | 3,
): { dataset: ImageDataset; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const good = decoded.filter((d): d is Extract<DecodedImage, { ok: true }> => {
    if (!d.ok) problems.push({ file: d.path, message: d.message });
    return d.ok;
  });
  const ratio = commonRatio(good);
  const kept = good.filter((d) => {
    if (d.width < MIN_IMAGE_SIDE || d.height < MIN_IMAGE_SIDE) {
      problems.push({ file: d.path, message: `is only ${d.width}×${d.height} pixels` });
      return false;
    }
    const r = d.width / d.height;
    if (Math.abs(r / ratio - 1) > 0.1) {
      problems.push({
        file: d.path,
        message: `is ${d.width}×${d.height}, a different shape from the other images`,
      });
      return false;
    }
    return true;
  });
  const per = size * size * channels;
  const pixels = new Uint8Array(kept.length * per);
  const labels = new Uint8Array(kept.length);
  kept.forEach((d, i) => {
    pixels.set(d.pixels.subarray(0, per), i * per);
    labels[i] = d.label;
  });
  return {
    dataset: { count: kept.length, inputShape: [size, size, channels], classes, pixels, labels },
    problems,
  };
}

/** The most common width/height ratio (rounded to 2 decimals); 1 when there are no images. */
function commonRatio(images: readonly { width: number; height: number }[]): number {
  const counts = new Map<number, number>();
  let best = 1;
  let most = 0;
  for (const { width, height } of images) {
    if (height <= 0) continue;
    const r = Math.round((width / height) * 100) / 100;
    const n = (counts.get(r) ?? 0) + 1;
    counts.set(r, n);
    if (n > most) [best, most] = [r, n];
  }
  return best;
}

/** Converts RGBA pixels (as a canvas gives them) to grayscale (Rec. 601 luma) or RGB bytes. */
export function fromRgba(rgba: Uint8ClampedArray | Uint8Array, channels: 1 | 3): Uint8Array {
  const n = Math.floor(rgba.length / 4);
  const out = new Uint8Array(n * channels);
  for (let i = 0; i < n; i++) {
    const r = rgba[4 * i]!;
    const g = rgba[4 * i + 1]!;
    const b = rgba[4 * i + 2]!;
    if (channels === 1) out[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    else out.set([r, g, b], 3 * i);
  }
  return out;
}
