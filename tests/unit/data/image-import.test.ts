import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleImages, fromRgba, planFolder, type DecodedImage } from '../../../src/data/image-folder';
import { readIdxPair } from '../../../src/data/idx-import';
import { idxFile } from './idx-helpers';

const fixture = (p: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/datasets/${p}`, import.meta.url)));

describe('image folders', () => {
  it('takes classes from the first sub-folder, sorted, and names the files it skips', () => {
    const plan = planFolder([
      'pets/dog/a.png',
      'pets/cat/b.JPG',
      'pets/cat/deep/c.jpeg',
      'pets/readme.txt',
      'pets/dog/notes.txt',
      'pets/dog/.DS_Store',
    ]);
    expect(plan.classes).toEqual(['cat', 'dog']);
    expect(plan.images.map((i) => [i.path, i.label])).toEqual([
      ['pets/dog/a.png', 1],
      ['pets/cat/b.JPG', 0],
      ['pets/cat/deep/c.jpeg', 0],
    ]);
    expect(plan.skipped).toEqual([
      { file: 'pets/readme.txt', message: 'is not inside a class sub-folder' },
      { file: 'pets/dog/notes.txt', message: 'is not a PNG or JPEG image' },
    ]);
  });

  it('keeps good images, reports failed, tiny and odd-shaped ones by file name', () => {
    const px = (v: number) => new Uint8Array(4).fill(v);
    const decoded: DecodedImage[] = [
      { ok: true, path: 'a/x/1.png', label: 0, width: 10, height: 10, pixels: px(1) },
      { ok: true, path: 'a/y/2.png', label: 1, width: 20, height: 20, pixels: px(2) },
      { ok: false, path: 'a/y/bad.png', message: 'could not be decoded' },
      { ok: true, path: 'a/y/wide.png', label: 1, width: 40, height: 10, pixels: px(3) },
      { ok: true, path: 'a/x/tiny.png', label: 0, width: 2, height: 2, pixels: px(4) },
    ];
    const { dataset, problems } = assembleImages(decoded, 2, 2, 1);
    expect(dataset.count).toBe(2);
    expect(dataset.inputShape).toEqual([2, 2, 1]);
    expect(Array.from(dataset.pixels)).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    expect(Array.from(dataset.labels)).toEqual([0, 1]);
    expect(problems.map((p) => p.file)).toEqual(['a/y/bad.png', 'a/y/wide.png', 'a/x/tiny.png']);
  });

  it('converts RGBA to grayscale luma or RGB', () => {
    const rgba = Uint8Array.from([255, 0, 0, 255, 0, 0, 255, 0]);
    expect(Array.from(fromRgba(rgba, 1))).toEqual([76, 29]);
    expect(Array.from(fromRgba(rgba, 3))).toEqual([255, 0, 0, 0, 0, 255]);
  });

  it('never throws on arbitrary paths', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { maxLength: 30 }), (paths) => {
        const plan = planFolder(paths);
        expect(plan.images.length + plan.skipped.length).toBeLessThanOrEqual(paths.length);
        for (const im of plan.images) expect(plan.classes[im.label]).toBeDefined();
      }),
    );
  });
});

describe('IDX pairs', () => {
  it('reads the fixture pair in either order, gzipped images and plain labels', () => {
    const images = {
      name: 'quadrants-images-idx3-ubyte.gz',
      bytes: fixture('idx/quadrants-images-idx3-ubyte.gz'),
    };
    const labels = { name: 'quadrants-labels-idx1-ubyte', bytes: fixture('idx/quadrants-labels-idx1-ubyte') };
    for (const files of [
      [images, labels],
      [labels, images],
    ]) {
      const r = readIdxPair(files);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.count).toBe(200);
      expect(r.value.inputShape).toEqual([8, 8, 1]);
      expect(r.value.classes).toBe(4);
    }
  });

  it('names the file at fault', () => {
    const img = { name: 'i.idx', bytes: idxFile(8, [3, 2, 2], new Array<number>(12).fill(0)) };
    const lab = (values: number[]) => ({ name: 'l.idx', bytes: idxFile(8, [values.length], values) });
    expect(readIdxPair([img])).toMatchObject({ ok: false, error: { message: /two IDX files/ } });
    expect(readIdxPair([img, lab([0, 1])])).toMatchObject({
      ok: false,
      error: { file: 'l.idx', message: /expected 3 labels/ },
    });
    expect(readIdxPair([img, lab([0, 0, 0])])).toMatchObject({
      ok: false,
      error: { file: 'l.idx', message: /every label is 0/ },
    });
    expect(readIdxPair([lab([0, 1]), lab([1, 0])])).toMatchObject({ ok: false, error: { message: /N×H×W/ } });
    const broken = { name: 'broken.gz', bytes: Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2]) };
    expect(readIdxPair([img, broken])).toMatchObject({ ok: false, error: { file: 'broken.gz' } });
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), (a, b) => {
        const r = readIdxPair([
          { name: 'a', bytes: a },
          { name: 'b', bytes: b },
        ]);
        if (!r.ok) expect(['a', 'b']).toContain(r.error.file);
      }),
    );
  });
});
