/** A step that turns a file of version `from` into version `from + 1`, on plain JSON. */
export interface Migration {
  from: number;
  describe: string;
  migrate(file: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Shipped migrations in order. Version 1 is the first schema, so there are none
 * yet; a migration file is named `NNN-what-changed.ts` and never edited once shipped.
 */
export const MIGRATIONS: readonly Migration[] = [];
