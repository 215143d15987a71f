import { useTranslation } from 'react-i18next';
import type { LessonAction } from '../../src/lessons/schema';
import { useLesson, useLessonStore } from './lesson-context';
import { DEFAULT_TEST_EXAMPLES } from './lesson-store';

/** A whole positive number from a field, or null when it is empty or not one. */
const count = (text: string): number | null => {
  const v = Number(text);
  return text.trim() !== '' && Number.isInteger(v) && v > 0 ? v : null;
};

/** How many examples a lesson run uses: the step's own size unless set here (to run a lesson quickly). */
export function LessonRunSize({ action }: { action: LessonAction }) {
  const { t } = useTranslation();
  const store = useLessonStore();
  const train = useLesson((s) => s.trainExamples);
  const test = useLesson((s) => s.testExamples);
  const limit = 'train' in action ? action.train.limit : 'limit' in action ? action.limit : null;
  return (
    <fieldset className="lesson__size">
      <legend>{t('ui.lesson.runSize')}</legend>
      <label>
        <span>{t('ui.lesson.trainExamples')}</span>
        <input
          type="number"
          min={1}
          inputMode="numeric"
          value={train ?? ''}
          placeholder={limit === null ? '' : String(limit)}
          onChange={(e) => store.getState().set({ trainExamples: count(e.target.value) })}
        />
      </label>
      <label>
        <span>{t('ui.lesson.testExamples')}</span>
        <input
          type="number"
          min={1}
          inputMode="numeric"
          value={test ?? ''}
          placeholder={String(DEFAULT_TEST_EXAMPLES)}
          onChange={(e) => store.getState().set({ testExamples: count(e.target.value) })}
        />
      </label>
    </fieldset>
  );
}
