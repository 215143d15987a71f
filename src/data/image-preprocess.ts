/**
 * Turns a picture the user drops in (already drawn at the model's input size, as RGBA
 * bytes) into the model's input the way the dataset's images are: grayscale (ITU-R
 * BT.601 luma, the weights of most image libraries), one channel, scaled to [0, 1] like
 * the dataset's bytes. Transparent pixels count as the background (black, as in
 * Fashion-MNIST). `invert` flips dark-on-light photos to the dataset's light-on-dark.
 */
export function grayscaleInput(rgba: ArrayLike<number>, pixels: number, invert = false): Float32Array {
  const out = new Float32Array(pixels);
  for (let i = 0; i < pixels; i++) {
    const a = rgba[i * 4 + 3]! / 255;
    const luma = (0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!) * a;
    const v = Math.round(luma) / 255;
    out[i] = invert ? 1 - v : v;
  }
  return out;
}

/** Whether an input shape is a one-channel image (height × width × 1) the preprocessing can fill. */
export const isGrayImageShape = (shape: readonly number[]): shape is [number, number, 1] =>
  shape.length === 3 && shape[2] === 1;
