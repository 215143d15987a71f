import type { CSSProperties } from 'react';
import type { LessonControl } from '../../src/lessons/schema';
import { useLesson } from './lesson-context';
import { visibleControls } from './lesson-store';

/** How the window is laid out around a lesson: which panels show, and the workspace's columns. */
export interface LessonLayout {
  active: boolean;
  shows(control: LessonControl): boolean;
  /** Classes for the app root (presenter mode, hidden control groups). */
  className: string;
  /** The workspace's grid columns while a lesson is open (undefined: the stylesheet's). */
  style: CSSProperties | undefined;
}

/**
 * The layout for the open lesson step: the lesson panel first, then the panels it leaves
 * visible. Presenter mode shows only the step's own controls, in larger type.
 */
export function useLessonLayout(): LessonLayout {
  const lesson = useLesson((s) => s.lesson);
  const step = useLesson((s) => (s.lesson ? (s.lesson.steps[s.step] ?? null) : null));
  const presenter = useLesson((s) => s.presenter);
  const visible = visibleControls(step, presenter);
  const shows = (c: LessonControl) => visible.has(c);
  const hidden = (['dataset', 'training-settings', 'training-controls'] as const).filter((c) => !shows(c));
  const className = [
    presenter ? 'app--presenter' : '',
    lesson ? 'app--lesson' : '',
    ...(lesson ? hidden.map((c) => `lesson-hide-${c}`) : []),
  ]
    .filter(Boolean)
    .join(' ');
  if (!lesson) return { active: false, shows, className, style: undefined };
  const columns = [
    presenter ? '480px' : '320px',
    shows('palette') ? '196px' : null,
    'minmax(260px, 1fr)',
    shows('inspector') || shows('problems') ? '290px' : null,
    presenter ? '460px' : '370px',
  ].filter(Boolean);
  return {
    active: true,
    shows,
    className,
    style: { gridTemplateColumns: columns.join(' '), gridTemplateRows: '1fr' },
  };
}
