import { describe, expect, it } from 'vitest';
import { DEFAULT_CSV_SETTINGS } from '../../../src/data/csv-import';
import {
  readCsvSettings,
  readImageFolderSettings,
  readSplitSettings,
} from '../../../src/data/import-settings';
import { DEFAULT_IMPORT_SPLIT } from '../../../src/data/imported';

describe('recorded import settings (linked imports)', () => {
  it('reads back the settings an import recorded', () => {
    const csv = {
      ...DEFAULT_CSV_SETTINGS,
      delimiter: ';' as const,
      columnTypes: { colour: 'ignore' as const },
    };
    expect(readCsvSettings(JSON.stringify(csv))).toEqual({ ok: true, value: csv });
    expect(readSplitSettings(JSON.stringify(DEFAULT_IMPORT_SPLIT))).toEqual({
      ok: true,
      value: DEFAULT_IMPORT_SPLIT,
    });
  });

  it('names the first bad field, and says when there is nothing or no JSON', () => {
    const bad = { ...DEFAULT_CSV_SETTINGS, split: { ...DEFAULT_CSV_SETTINGS.split, test: 2 } };
    const r = readCsvSettings(JSON.stringify(bad));
    expect(!r.ok && r.error).toMatch(/^settings\.split\.test: /);
    expect(readCsvSettings(JSON.stringify({ ...DEFAULT_CSV_SETTINGS, extra: 1 })).ok).toBe(false);
    expect(readSplitSettings(undefined)).toEqual({
      ok: false,
      error: 'the project does not record the import settings',
    });
    expect(readSplitSettings('{')).toEqual({ ok: false, error: 'the recorded import settings are not JSON' });
  });

  it("reads an image folder's size, colour and split, and names a bad one", () => {
    const folder = { size: 28, channels: 3, split: DEFAULT_IMPORT_SPLIT };
    expect(readImageFolderSettings(JSON.stringify(folder))).toEqual({ ok: true, value: folder });
    const r = (v: object) => readImageFolderSettings(JSON.stringify({ ...folder, ...v }));
    expect(r({ channels: 2 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^settings\.channels: /),
    });
    expect(r({ size: 3 })).toMatchObject({ ok: false, error: expect.stringMatching(/^settings\.size: /) });
    expect(r({ size: 28.5 }).ok).toBe(false);
    expect(r({ grayscale: true }).ok).toBe(false);
    expect(r({ split: { ...DEFAULT_IMPORT_SPLIT, seed: -1 } })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^settings\.split\.seed: /),
    });
  });
});
