import { z } from 'zod';
import { err, ok, type Result } from '../util/result';
import type { CsvImportSettings } from './csv-import';
import { CSV_DELIMITERS } from './csv-parse';
import type { ImportSplit } from './imported';

const share = z.number().min(0).max(1);

/** The division of an import, as a linked project records it. */
export const importSplitSchema = z.strictObject({
  validation: share,
  test: share,
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  stratified: z.boolean(),
});

/** A CSV import's settings, as a linked project records them (see `CsvImportSettings`). */
export const csvImportSettingsSchema = z.strictObject({
  delimiter: z.enum([...CSV_DELIMITERS, 'auto']),
  header: z.enum(['auto', 'yes', 'no']),
  target: z.string().max(1024).nullable(),
  task: z.enum(['auto', 'classification', 'regression']),
  columnTypes: z.record(z.string().max(1024), z.enum(['numeric', 'categorical', 'ignore'])),
  missing: z.enum(['drop-row', 'mean', 'zero', 'error']),
  standardize: z.boolean(),
  split: importSplitSchema,
});

// Both schemas must describe exactly the settings types the importers use.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const csvSame: Same<z.infer<typeof csvImportSettingsSchema>, CsvImportSettings> = true;
const splitSame: Same<z.infer<typeof importSplitSchema>, ImportSplit> = true;
void [csvSame, splitSame];

/** Reads recorded settings text with a schema; the problem names the first bad field. */
function readSettings<T>(schema: z.ZodType<T>, text: string | undefined): Result<T, string> {
  if (text === undefined) return err('the project does not record the import settings');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return err('the recorded import settings are not JSON');
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const where = ['settings', ...(issue?.path ?? []).map(String)].join('.');
  return err(`${where}: ${issue?.message ?? 'invalid'}`);
}

/** A linked CSV import's recorded settings, checked. */
export const readCsvSettings = (text: string | undefined): Result<CsvImportSettings, string> =>
  readSettings(csvImportSettingsSchema, text) as Result<CsvImportSettings, string>;

/** A linked IDX import's recorded split, checked. */
export const readSplitSettings = (text: string | undefined): Result<ImportSplit, string> =>
  readSettings(importSplitSchema, text);

/** An image-folder import's settings: the square size, grayscale (1) or RGB (3), and the split. */
export const imageFolderSettingsSchema = z.strictObject({
  size: z.number().int().min(4).max(256),
  channels: z.union([z.literal(1), z.literal(3)]),
  split: importSplitSchema,
});

/** An image-folder import's settings, as the dialog chose them and a linked project records them. */
export type ImageFolderSettings = z.infer<typeof imageFolderSettingsSchema>;

/** A linked image folder's recorded settings, checked. */
export const readImageFolderSettings = (text: string | undefined): Result<ImageFolderSettings, string> =>
  readSettings(imageFolderSettingsSchema, text);
