import { useTranslation } from 'react-i18next';
import type { LoadError } from '../../src/project/parse';
import { useSession, useStores } from '../state/stores';

/** The catalog text of a load error (its JSON path included for invalid files). */
function loadErrorValues(e: LoadError): Record<string, string> {
  switch (e.kind) {
    case 'invalid':
      return { message: e.message, path: e.path };
    default:
      return { message: e.message };
  }
}

/** The polite status line: the latest notice (refused wire, added layer, saved file...). */
export function StatusRegion() {
  const { t } = useTranslation();
  const notice = useSession((s) => s.notice);
  return (
    <div role="status" className={`status-region${notice?.tone === 'error' ? ' status-region--error' : ''}`}>
      {notice && <span key={notice.serial}>{t(notice.key, notice.values)}</span>}
    </div>
  );
}

/** An alert for a project file that could not be opened; the current document was kept. */
export function FileProblemAlert() {
  const { t } = useTranslation();
  const stores = useStores();
  const problem = useSession((s) => s.fileProblem);
  if (!problem) return null;
  return (
    <div role="alert" className="alert alert--banner">
      <strong>{t('ui.load.failed', { file: problem.file })}</strong>{' '}
      <span>{t(`ui.load.${problem.error.kind}`, loadErrorValues(problem.error))}</span>
      <button
        type="button"
        className="button button--small"
        onClick={() => stores.session.getState().setFileProblem(null)}
      >
        {t('ui.load.dismiss')}
      </button>
    </div>
  );
}
