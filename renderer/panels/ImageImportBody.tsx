import { useTranslation } from 'react-i18next';
import type { ImageDataset } from '../../src/data/dataset';
import type { FileProblem } from '../../src/data/image-folder';
import { classBalance, type ImportedParts, type ImportSplit } from '../../src/data/imported';
import { ImageGrid } from '../charts/ImageGrid';
import { ClassBalance, PartsLine, SplitFields } from './ImportParts';

/** Problems listed by file name (at most this many; the rest are counted). */
const SHOWN_PROBLEMS = 20;

/** The files left out of an image import, by name. */
function ProblemList({ problems }: { problems: readonly FileProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <section className="import-problems" role="status">
      <p>{t('ui.imageImport.problems', { count: problems.length })}</p>
      <ul>
        {problems.slice(0, SHOWN_PROBLEMS).map((p) => (
          <li key={p.file}>{t('ui.imageImport.problem', { file: p.file, message: p.message })}</li>
        ))}
      </ul>
      {problems.length > SHOWN_PROBLEMS && (
        <p>{t('ui.imageImport.moreProblems', { count: problems.length - SHOWN_PROBLEMS })}</p>
      )}
    </section>
  );
}

/** What an image import shows once decoded: the grid, the balance, the files left out, the split. */
export function ImageImportBody(p: {
  dataset: ImageDataset | null;
  classNames: readonly string[];
  problems: readonly FileProblem[];
  parts: ImportedParts | null;
  partsProblem: string | null;
  split: ImportSplit;
  onSplit(s: ImportSplit): void;
  settings?: React.ReactNode;
  status: string | null;
}) {
  const { t } = useTranslation();
  const ds = p.dataset;
  const shape = ds ? `${ds.inputShape.join('×')}` : '';
  return (
    <div className="import-dialog__body">
      <div className="import-dialog__side">
        {p.settings}
        <SplitFields split={p.split} onChange={p.onSplit} />
      </div>
      <div className="import-dialog__main">
        {p.status && <p className="import-dialog__warning">{p.status}</p>}
        {ds && ds.count > 0 && (
          <>
            <p className="import-parts">
              {t('ui.imageImport.shape', { count: ds.count, shape, classes: ds.classes })}
            </p>
            <ImageGrid
              ds={ds}
              label={t('ui.imageImport.grid', {
                count: Math.min(ds.count, 8 * ds.classes),
                total: ds.count,
                classes: ds.classes,
              })}
            />
            <ClassBalance names={p.classNames} counts={classBalance(ds.labels, ds.classes)} />
          </>
        )}
        <ProblemList problems={p.problems} />
        {p.parts && <PartsLine parts={p.parts} />}
        {p.partsProblem && (
          <p role="alert" className="import-dialog__problem">
            {t('ui.imageImport.none', { message: p.partsProblem })}
          </p>
        )}
      </div>
    </div>
  );
}
