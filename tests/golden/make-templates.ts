/**
 * Writes the generated templates to assets/templates/<id>.json (the committed JSON is
 * what ships; tests/golden/templates.test.ts checks it still matches this generator).
 * Run: npx tsx tests/golden/make-templates.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { GENERATED_TEMPLATES, templateText } from './templates/index';

const root = new URL('../../', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
for (const id of Object.keys(GENERATED_TEMPLATES)) {
  const file = new URL(`assets/templates/${id}.json`, root);
  writeFileSync(file, templateText(id, version));
  console.log(`wrote ${file.pathname}`);
}
