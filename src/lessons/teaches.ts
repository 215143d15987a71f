import type { Lesson } from './schema';

/**
 * The lessons that teach a layer kind (those whose `teaches` list names it), in gallery
 * order (by `order`, then id), so the first is the one to start with. Lessons without a
 * `teaches` list teach no kind.
 */
export function lessonsTeaching(lessons: readonly Lesson[], kind: string): Lesson[] {
  return lessons
    .filter((l) => l.teaches?.includes(kind) === true)
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}
