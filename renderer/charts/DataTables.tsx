import { useTranslation } from 'react-i18next';
import { useStores, useTraining } from '../state/stores';
import { batchRows } from './chart-data';
import { METRIC_KEYS } from './metric-labels';
import { useThrottled } from './use-throttled';

/** Rows kept in the batch table, so it stays cheap to render. */
export const TABLE_ROWS = 500;
/** Least time between two table updates while training. */
const TABLE_INTERVAL_MS = 400;

const fmt = (v: number, digits = 4): string => (Number.isFinite(v) ? v.toFixed(digits) : String(v));

/** The numbers behind the charts as accessible tables: the latest batches, and one row per epoch. */
export function DataTables() {
  const { t } = useTranslation();
  const stores = useStores();
  const version = useThrottled(
    useTraining((s) => s.run.version),
    TABLE_INTERVAL_MS,
  );
  const epochs = useTraining((s) => s.run.epochRows);
  const metric = useTraining((s) => s.run.metric);
  const keys = METRIC_KEYS[metric];
  // A regression run also reports R² on the held-out examples.
  const r2 = metric === 'mae';
  // The rings are read at the throttled version; `version` keys the read on purpose.
  const rows = version >= 0 ? batchRows(stores.training.getState().run.batches, TABLE_ROWS) : [];
  return (
    <div className="data-tables">
      <table className="data-table">
        <caption>{t('ui.table.epochCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.table.epoch')}</th>
            <th scope="col">{t('ui.table.loss')}</th>
            <th scope="col">{t(keys.column)}</th>
            <th scope="col">{t(keys.testColumn)}</th>
            <th scope="col">{t(keys.testTrainingModeColumn)}</th>
            {r2 && <th scope="col">{t('ui.table.testR2')}</th>}
          </tr>
        </thead>
        <tbody>
          {epochs.map((r) => (
            <tr key={r.epoch}>
              <th scope="row">{r.epoch}</th>
              <td>{fmt(r.train.loss)}</td>
              <td>{fmt(r.train.accuracy)}</td>
              <td>{fmt(r.test.accuracy)}</td>
              <td>{r.testTrainingMode ? fmt(r.testTrainingMode.accuracy) : '–'}</td>
              {r2 && <td>{r.test.r2 === undefined ? '–' : fmt(r.test.r2)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="data-table__scroll">
        <table className="data-table">
          <caption>{t('ui.table.batchCaption', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ui.table.step')}</th>
              <th scope="col">{t('ui.table.epoch')}</th>
              <th scope="col">{t('ui.table.loss')}</th>
              <th scope="col">{t(keys.column)}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.step}>
                <th scope="row">{r.step}</th>
                <td>{r.epoch}</td>
                <td>{fmt(r.loss)}</td>
                <td>{fmt(r.accuracy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
