import { err, ok, type Result } from '../util/result';
import type { ImageDataset } from './dataset';
import { readIdx, type DataError, type IdxArray } from './idx';

/** A picked file: its name and bytes. */
export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/**
 * Reads a pair of IDX files (gzipped or not, in either order) as an image dataset: the
 * file with N×H×W dimensions holds the images, the one with N values the labels; the class
 * count is the largest label plus one. Never throws; problems name the file.
 */
export function readIdxPair(files: readonly NamedBytes[]): Result<ImageDataset, DataError> {
  if (files.length !== 2) {
    const names = files.map((f) => f.name).join(', ') || '(no file)';
    return err({
      file: names,
      message: `pick two IDX files, the images and the labels; got ${files.length}`,
    });
  }
  const arrays: IdxArray[] = [];
  for (const f of files) {
    const r = readIdx(f.bytes, f.name);
    if (!r.ok) return r;
    arrays.push(r.value);
  }
  const at = arrays[0]!.dims.length === 3 ? 0 : arrays[1]!.dims.length === 3 ? 1 : -1;
  if (at < 0)
    return err({
      file: files[0]!.name,
      message: 'neither file holds N×H×W images (a 3-dimensional IDX file)',
    });
  const [img, lab] = [arrays[at]!, arrays[1 - at]!];
  const [imgName, labName] = [files[at]!.name, files[1 - at]!.name];
  const [n, h, w] = img.dims as [number, number, number];
  if (lab.dims.length !== 1 || lab.dims[0] !== n) {
    return err({
      file: labName,
      message: `expected ${n} labels (one per image in ${imgName}), got ${lab.dims.join('×')}`,
    });
  }
  let max = 0;
  for (const l of lab.data) max = Math.max(max, l);
  if (max < 1)
    return err({ file: labName, message: 'every label is 0, but a classifier needs at least two classes' });
  return ok({ count: n, inputShape: [h, w, 1], classes: max + 1, pixels: img.data, labels: lab.data });
}
