import { readFileSync } from 'node:fs';
import type { Doc } from '../graph/document';
import { parseProject } from '../project/parse';
import { UserError } from './io';

/** Reads and parses a project file, turning every failure into a message that names the file and place. */
export function loadProject(file: string): Doc {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      `${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})`}`,
    );
  }
  const r = parseProject(text);
  if (r.ok) return r.value.doc;
  const e = r.error;
  switch (e.kind) {
    case 'not-json':
      throw new UserError(`${file}${e.line ? `:${e.line}:${e.column}` : ''}: not valid JSON (${e.message})`);
    case 'invalid':
      throw new UserError(`${file}: ${e.path}: ${e.message}`);
    case 'too-new':
      throw new UserError(`${file}: made by a newer Layerloom (${e.message}); update the app to open it`);
    case 'unknown-format':
      throw new UserError(`${file}: ${e.message}`);
  }
}
