import { z } from 'zod';
import { documentSchema } from '../graph/document';

/** The `format` marker every project file carries. */
export const PROJECT_FORMAT = 'layerloom-project';

/** The schema version this build writes. */
export const CURRENT_SCHEMA_VERSION = 1;

/** A project file of the current schema version: an envelope around the document. */
export const projectFileSchema = documentSchema.extend({
  format: z.literal(PROJECT_FORMAT),
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  savedBy: z.object({ app: z.string(), version: z.string() }),
});

/** A project file as written to disk. */
export type ProjectFile = z.infer<typeof projectFileSchema>;
