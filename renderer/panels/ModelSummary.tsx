import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocument, useSession, useStores } from '../state/stores';
import { summaryRows } from './summary-rows';

/** The model summary (like Keras's): every layer's kind, output shape, parameters and MACs, with totals. */
export function ModelSummary() {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const open = useSession((s) => s.summaryOpen);
  const doc = useDocument((s) => s.doc);
  const analysis = useDocument((s) => s.analysis);
  const { rows, totals } = useMemo(() => summaryRows(doc, analysis), [doc, analysis]);
  if (!open) return null;
  const num = (n: number | null): string =>
    n === null ? t('ui.summary.unknown') : n.toLocaleString(i18n.language);
  return (
    <section className="summary panel" aria-labelledby="summary-title">
      <div className="summary__head">
        <h2 id="summary-title" className="panel__title">
          {t('ui.summary.title')}
        </h2>
        <span className="summary__totals">
          {t('ui.summary.trainable', { count: num(totals.trainable) })} ·{' '}
          {t('ui.summary.nonTrainable', { count: num(totals.nonTrainable) })}
        </span>
        <button
          type="button"
          className="button summary__close"
          aria-label={t('ui.summary.close')}
          onClick={() => stores.session.getState().setSummaryOpen(false)}
        >
          ×
        </button>
      </div>
      <div className="summary__scroll">
        <table className="summary__table">
          <caption className="visually-hidden">{t('ui.summary.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ui.summary.layer')}</th>
              <th scope="col">{t('ui.summary.kind')}</th>
              <th scope="col">{t('ui.summary.shape')}</th>
              <th scope="col" className="num">
                {t('ui.summary.params')}
              </th>
              <th scope="col" className="num">
                {t('ui.summary.macs')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{t(`layer.${r.kind}.title`)}</td>
                <td className="mono">{r.shape ?? t('ui.summary.unknown')}</td>
                <td className="num">{num(r.params)}</td>
                <td className="num">{num(r.macs)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {t('ui.summary.total')}
              </th>
              <td className="num">{num(totals.params)}</td>
              <td className="num">{num(totals.macs)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
