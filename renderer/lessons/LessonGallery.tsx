import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lesson } from '../../src/lessons/schema';
import { bundledLessons } from './lesson-catalog';
import { useLessonStore } from './lesson-context';
import { ModalDialog } from '../panels/ModalDialog';
import '../panels/TemplateGallery.css';
import { useLessonActions } from './use-lesson-actions';

/** One lesson: a button named by its title and described by its summary and length. */
function LessonCard({ lesson, onChoose }: { lesson: Lesson; onChoose(): void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <li>
      <button
        type="button"
        className="gallery__card lesson-card"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc ${id}-steps`}
        onClick={onChoose}
      >
        <span className="gallery__text">
          <span id={`${id}-title`} className="gallery__title">
            {t(lesson.title)}
          </span>
          <span id={`${id}-desc`} className="gallery__desc">
            {t(lesson.summary)}
          </span>
          <span id={`${id}-steps`} className="gallery__params">
            {t('ui.lesson.steps', { count: lesson.steps.length })}
          </span>
        </span>
      </button>
    </li>
  );
}

/** The modal list of lessons; choosing one opens its network (one undoable edit) and its first step. */
export function LessonGallery({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const store = useLessonStore();
  const actions = useLessonActions();
  const catalog = useMemo(() => bundledLessons(), []);
  const choose = (lesson: Lesson, close: () => void): void => {
    if (actions.openProject(lesson.project)) store.getState().open(lesson);
    close();
  };
  return (
    <ModalDialog
      title={t('ui.lesson.galleryTitle')}
      className="gallery"
      titleClassName="gallery__heading"
      headClassName="gallery__head"
      closeLabel={t('ui.gallery.close')}
      onClose={onClose}
    >
      {(close) => (
        <>
          <p className="gallery__intro">{t('ui.lesson.galleryIntro')}</p>
          {catalog.problems.map((p) => (
            <p key={p.file} role="alert" className="lesson__problem">
              {t('ui.lesson.badFile', { file: p.file, path: p.path, message: p.message })}
            </p>
          ))}
          <ul className="gallery__list" aria-label={t('ui.lesson.list')}>
            {catalog.lessons.map((l) => (
              <LessonCard key={l.id} lesson={l} onChoose={() => choose(l, close)} />
            ))}
          </ul>
        </>
      )}
    </ModalDialog>
  );
}

/** The toolbar's "Lessons…" button, which opens the lesson gallery. */
export function LessonsButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('ui.lesson.openGallery')}
      </button>
      {open && <LessonGallery onClose={() => setOpen(false)} />}
    </>
  );
}
