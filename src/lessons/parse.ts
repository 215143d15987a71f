import { err, ok, type Result } from '../util/result';
import { lessonSchema, type Lesson, type LessonAction } from './schema';

/** Why a lesson file was refused: the file, the JSON path and what is wrong there. */
export interface LessonError {
  file: string;
  path: string;
  message: string;
}

/** `a.b[2].c` from a zod issue path. */
const pathText = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    '',
  ) || '(root)';

/** Validates a lesson (already parsed JSON); `file` names it in errors. */
export function parseLesson(json: unknown, file: string): Result<Lesson, LessonError> {
  const r = lessonSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return err({ file, path: pathText(issue.path), message: issue.message });
  }
  const expected = file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  if (expected !== file && expected !== r.data.id)
    return err({
      file,
      path: 'id',
      message: `the id '${r.data.id}' differs from the file name '${expected}'`,
    });
  return ok(r.data);
}

/** Every catalog key a lesson uses. */
export function lessonKeys(lesson: Lesson): string[] {
  return [lesson.title, lesson.summary, ...lesson.steps.flatMap((s) => [s.title, s.text])];
}

/** Template ids an action refers to. */
function actionTemplates(a: LessonAction | undefined): string[] {
  if (!a) return [];
  if ('open' in a) return [typeof a.open === 'string' ? a.open : a.open.template];
  if ('compare' in a) {
    if (a.compare === 'with-without-bn') return ['lenet', 'lenet-bn'];
    return 'templates' in a.compare ? a.compare.templates : [];
  }
  return [];
}

/** Every template id a lesson refers to (its project and its steps' actions). */
export function lessonTemplates(lesson: Lesson): string[] {
  const project = typeof lesson.project === 'string' ? lesson.project : lesson.project.template;
  return [...new Set([project, ...lesson.steps.flatMap((s) => actionTemplates(s.action))])];
}

/**
 * What is wrong with a valid lesson in its context: catalog keys with no text, and template
 * ids that are not bundled. Each problem names the lesson and the place.
 */
export function lessonProblems(
  lesson: Lesson,
  has: { key(k: string): boolean; template(id: string): boolean },
): string[] {
  const problems = lessonKeys(lesson)
    .filter((k) => !has.key(k))
    .map((k) => `${lesson.id}: no catalog text for '${k}'`);
  for (const t of lessonTemplates(lesson))
    if (!has.template(t)) problems.push(`${lesson.id}: unknown template '${t}'`);
  lesson.steps.forEach((s, i) => {
    const both = s.show.filter((c) => s.hide.includes(c));
    if (both.length > 0) problems.push(`${lesson.id}: steps[${i}] both shows and hides ${both.join(', ')}`);
  });
  return problems;
}
