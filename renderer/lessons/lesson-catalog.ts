import { setLayerParam, setTraining } from '../../src/graph/commands';
import type { Doc } from '../../src/graph/document';
import { parseLesson, type LessonError } from '../../src/lessons/parse';
import type { DocumentPatch, Lesson } from '../../src/lessons/schema';
import { err, ok, type Result } from '../../src/util/result';
import { templatesFromModules, type TemplateEntry } from '../panels/template-gallery';

/** The bundled lessons and templates (parsed JSON by path). */
const LESSON_MODULES: Readonly<Record<string, unknown>> = import.meta.glob('../../assets/lessons/*.json', {
  eager: true,
  import: 'default',
});
const TEMPLATE_MODULES: Readonly<Record<string, unknown>> = import.meta.glob(
  '../../assets/templates/*.json',
  {
    eager: true,
    import: 'default',
  },
);

/** The lessons that parse, in gallery order, and the problems of those that do not. */
export interface LessonCatalog {
  lessons: Lesson[];
  problems: LessonError[];
}

/** Parses lesson files (path to parsed JSON); a bad file is reported, never thrown. */
export function lessonsFromModules(modules: Readonly<Record<string, unknown>>): LessonCatalog {
  const lessons: Lesson[] = [];
  const problems: LessonError[] = [];
  for (const [path, json] of Object.entries(modules)) {
    const r = parseLesson(json, `assets/lessons/${path.replace(/^.*\//, '')}`);
    if (r.ok) lessons.push(r.value);
    else problems.push(r.error);
  }
  lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { lessons, problems };
}

/** The bundled lessons. */
export const bundledLessons = (): LessonCatalog => lessonsFromModules(LESSON_MODULES);

/** The bundled templates by id. */
export function bundledTemplates(): ReadonlyMap<string, TemplateEntry> {
  return new Map(templatesFromModules(TEMPLATE_MODULES).map((t) => [t.id, t]));
}

/**
 * The document a lesson opens: a template, with a patch's training settings and layer
 * parameters applied through the editor's own commands (so a bad patch is refused with
 * the command's reason, naming the layer).
 */
export function lessonDocument(
  templates: ReadonlyMap<string, TemplateEntry>,
  what: string | DocumentPatch,
): Result<Doc, string> {
  const id = typeof what === 'string' ? what : what.template;
  const entry = templates.get(id);
  if (!entry) return err(`unknown template '${id}'`);
  let doc = entry.doc;
  if (typeof what === 'string') return ok(doc);
  if (what.training) {
    const r = setTraining(doc, what.training);
    if (!r.ok) return err(`training: ${r.error.code}`);
    doc = r.value;
  }
  for (const [layer, params] of Object.entries(what.layers ?? {})) {
    for (const [name, value] of Object.entries(params)) {
      const r = setLayerParam(doc, layer, name, value);
      if (!r.ok) return err(`layers.${layer}.${name}: ${r.error.code}`);
      doc = r.value;
    }
  }
  return ok(doc);
}
