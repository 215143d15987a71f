import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import en from '../../../assets/locales/en.json';
import { parseProject } from '../../../src/project/parse';
import { lessonKeys, lessonProblems, lessonTemplates, parseLesson } from '../../../src/lessons/parse';
import type { Lesson } from '../../../src/lessons/schema';

const lessonsDir = new URL('../../../assets/lessons/', import.meta.url);
const templatesDir = new URL('../../../assets/templates/', import.meta.url);
const files = readdirSync(lessonsDir).filter((f) => f.endsWith('.json'));
const templates = new Set(
  readdirSync(templatesDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5)),
);

/** A catalog entry by dotted key (undefined when missing or not a string). */
function catalogText(key: string): string | undefined {
  let at: unknown = en;
  for (const part of key.split('.')) at = (at as Record<string, unknown> | undefined)?.[part];
  return typeof at === 'string' ? at : undefined;
}

function load(file: string): Lesson {
  const r = parseLesson(
    JSON.parse(readFileSync(new URL(file, lessonsDir), 'utf8')),
    `assets/lessons/${file}`,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** The layer ids of a bundled template. */
function layerIds(id: string): Set<string> {
  const r = parseProject(readFileSync(new URL(`${id}.json`, templatesDir), 'utf8'));
  if (!r.ok) throw new Error(id);
  return new Set(r.value.doc.layers.map((l) => l.id));
}

describe('lesson files', () => {
  it('ship the batch-normalization set', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    const ids = files.map((f) => load(f).id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'bn-convergence',
        'bn-train-vs-predict',
        'bn-dense-vs-conv',
        'bn-covariate-shift',
      ]),
    );
  });

  describe.each(files)('%s', (file) => {
    it('parses, and every key has text and every template exists', () => {
      const lesson = load(file);
      expect(
        lessonProblems(lesson, { key: (k) => !!catalogText(k), template: (t) => templates.has(t) }),
      ).toEqual([]);
      for (const k of lessonKeys(lesson)) expect(catalogText(k), k).toMatch(/\S/);
    });

    it('highlights only layers of the network open at that step', () => {
      const lesson = load(file);
      let open = typeof lesson.project === 'string' ? lesson.project : lesson.project.template;
      lesson.steps.forEach((step, i) => {
        const a = step.action;
        if (!a) return;
        if ('open' in a) open = typeof a.open === 'string' ? a.open : a.open.template;
        if ('compare' in a && typeof a.compare === 'object' && 'templates' in a.compare)
          open = a.compare.templates.at(-1)!;
        if ('compare' in a && a.compare === 'with-without-bn') open = 'lenet-bn';
        if ('highlight' in a && a.layer)
          expect(layerIds(open).has(a.layer), `steps[${i}] ${a.layer} in ${open}`).toBe(true);
      });
    });
  });
});

describe('parseLesson', () => {
  const good = load(files[0]!);
  it('names the file and the JSON path of a bad field', () => {
    const bad = { ...good, steps: [{ ...good.steps[0], action: { train: { epochs: 0, limit: 10 } } }] };
    const r = parseLesson(bad, 'assets/lessons/x.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.file).toBe('assets/lessons/x.json');
      expect(r.error.path).toMatch(/^steps\[0\]\.action/);
    }
  });

  it('refuses prose where a catalog key belongs, and unknown controls', () => {
    const prose = parseLesson({ ...good, title: 'Batch norm' }, 'a.json');
    expect(prose.ok || prose.error.path).toBe('title');
    const control = parseLesson({ ...good, steps: [{ ...good.steps[0], show: ['nowhere'] }] }, 'a.json');
    expect(control.ok || control.error.path).toBe('steps[0].show[0]');
  });

  it('refuses an id that differs from the file name', () => {
    const r = parseLesson(good, 'assets/lessons/other.json');
    expect(r.ok || r.error.path).toBe('id');
  });

  it('lists the templates a lesson uses and reports missing ones', () => {
    const lesson: Lesson = {
      ...good,
      steps: [{ ...good.steps[0]!, action: { compare: 'with-without-bn', epochs: 1, limit: 5 } }],
    };
    expect(lessonTemplates(lesson)).toEqual(expect.arrayContaining(['lenet', 'lenet-bn']));
    const problems = lessonProblems(lesson, { key: () => true, template: (t) => t !== 'lenet' });
    expect(problems).toEqual([`${good.id}: unknown template 'lenet'`]);
  });
});
