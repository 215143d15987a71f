import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lesson } from '../../src/lessons/schema';
import { lessonsTeaching } from '../../src/lessons/teaches';
import { bundledLessons } from '../lessons/lesson-catalog';
import { useLessonStore } from '../lessons/lesson-context';
import { useLessonActions } from '../lessons/use-lesson-actions';
import { LayerHelpText } from './LayerHelpText';

/** The popover: the kind's help text and a button per lesson that teaches it. */
function HelpPopover({ kind, onClose }: { kind: string; onClose(): void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const store = useLessonStore();
  const actions = useLessonActions();
  // The first lesson that teaches the kind (gallery order): where it is introduced.
  const lessons = useMemo(() => lessonsTeaching(bundledLessons().lessons, kind).slice(0, 1), [kind]);
  useEffect(() => ref.current?.focus(), []);
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    onClose();
  };
  const openLesson = (lesson: Lesson): void => {
    if (actions.openProject(lesson.project)) store.getState().open(lesson);
    onClose();
  };
  return (
    <div
      ref={ref}
      role="dialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      className="palette-help"
      onKeyDown={onKeyDown}
    >
      <h4 id={titleId} className="palette-help__title">
        {t(`layer.${kind}.title`)}
      </h4>
      <LayerHelpText kind={kind} />
      {lessons.length > 0 && (
        <ul className="palette-help__lessons" aria-label={t('ui.palette.lessons')}>
          {lessons.map((l) => (
            <li key={l.id}>
              <button type="button" className="button button--small" onClick={() => openLesson(l)}>
                {t('ui.palette.openLesson', { title: t(l.title) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button button--small" onClick={onClose}>
        {t('ui.palette.helpClose')}
      </button>
    </div>
  );
}

/**
 * The "?" button of a palette item and its help popover. It is a sibling of the item's
 * button (never inside it), so it neither starts a drag nor adds the layer; Escape or
 * Close puts the focus back on it.
 */
export function PaletteHelp({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = (): void => {
    setOpen(false);
    button.current?.focus();
  };
  const title = t(`layer.${kind}.title`);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="palette-help__button"
        aria-label={t('ui.palette.help', { title })}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">?</span>
      </button>
      {open && <HelpPopover kind={kind} onClose={close} />}
    </>
  );
}
