import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import en from '../../assets/locales/en.json';
import { analyze } from '../../src/analysis/analyze';
import { compilePlan } from '../../src/compiler/plan';
import { parseProject } from '../../src/project/parse';
import { serializeProject } from '../../src/project/serialize';
import { summarize, summaryText } from './summary';
import { GENERATED_TEMPLATES, templateText } from './templates/index';

// UPDATE_GOLDEN=1 npx vitest run tests/golden rewrites the summaries instead of comparing.
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const templatesDir = new URL('../../assets/templates/', import.meta.url);
const summariesDir = new URL('./summaries/', import.meta.url);
const ids = readdirSync(templatesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

function load(id: string) {
  const text = readFileSync(new URL(`${id}.json`, templatesDir), 'utf8');
  const r = parseProject(text);
  if (!r.ok) throw new Error(`${id}: ${JSON.stringify(r.error)}`);
  const version = (JSON.parse(text) as { savedBy: { version: string } }).savedBy.version;
  return { text, doc: r.value.doc, version };
}

describe('templates', () => {
  it('are all found, the generated ones included', () => {
    expect(ids).toEqual(expect.arrayContaining(['lenet', 'lenet-bn', ...Object.keys(GENERATED_TEMPLATES)]));
  });

  describe.each(ids)('%s', (id) => {
    it('parses and is stored in canonical form', () => {
      const { text, doc, version } = load(id);
      expect(serializeProject(doc, version)).toBe(text);
    });

    it('has no error diagnostics and compiles', () => {
      const { doc } = load(id);
      const analysis = analyze(doc);
      expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(compilePlan(doc, analysis).ok).toBe(true);
      expect(analysis.totals.total).toBeLessThan(2_000_000);
    });

    it('matches its golden summary', () => {
      const { doc } = load(id);
      const analysis = analyze(doc);
      const plan = compilePlan(doc, analysis);
      if (!plan.ok) throw new Error(`${id} does not compile`);
      const text = summaryText(summarize(doc, analysis, plan.value));
      const file = new URL(`${id}.json`, summariesDir);
      if (UPDATE) writeFileSync(file, text);
      expect(existsSync(file), `${file.pathname} (run with UPDATE_GOLDEN=1 to create it)`).toBe(true);
      expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
      expect(text).toBe(readFileSync(file, 'utf8'));
    });

    it('has a catalog title and description', () => {
      const entry = (en as unknown as { template?: Record<string, { title?: string; description?: string }> })
        .template?.[id];
      expect(entry?.title, `template.${id}.title`).toMatch(/\S/);
      expect(entry?.description, `template.${id}.description`).toMatch(/\S/);
    });
  });

  it.each(Object.keys(GENERATED_TEMPLATES))('%s is what tests/golden/make-templates.ts writes', (id) => {
    const { text, version } = load(id);
    expect(templateText(id, version), 'run npx tsx tests/golden/make-templates.ts').toBe(text);
  });

  it('gives every template a distinct title', () => {
    const catalog = (en as unknown as { template?: Record<string, { title: string }> }).template ?? {};
    const titles = ids.map((id) => catalog[id]?.title);
    expect(new Set(titles).size).toBe(ids.length);
  });
});
