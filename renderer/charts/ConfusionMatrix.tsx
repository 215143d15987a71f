import { useTranslation } from 'react-i18next';

/** Props: counts (row = true class, column = predicted), and the class names. */
export interface ConfusionMatrixProps {
  confusion: ArrayLike<number>;
  names: readonly string[];
}

/**
 * The confusion matrix as a table (screen readers read counts by row and column header)
 * whose cells are shaded by their share of the row: the diagonal (correct) in blue,
 * mistakes in orange (a pair that stays apart for colour-blind readers).
 */
export function ConfusionMatrix({ confusion, names }: ConfusionMatrixProps) {
  const { t } = useTranslation();
  const k = names.length;
  const rowSum = (r: number) => {
    let s = 0;
    for (let c = 0; c < k; c++) s += confusion[r * k + c]!;
    return s;
  };
  return (
    <div className="data-table__scroll confusion">
      <table className="data-table confusion__table">
        <caption>{t('ui.evaluation.confusionCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.evaluation.trueClass')}</th>
            {names.map((n, c) => (
              <th key={c} scope="col" className="confusion__col">
                <abbr title={n} aria-label={n}>
                  {c}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {names.map((n, r) => {
            const total = rowSum(r);
            return (
              <tr key={r}>
                <th scope="row">{`${r} ${n}`}</th>
                {names.map((_, c) => {
                  const v = confusion[r * k + c]!;
                  const share = total === 0 ? 0 : v / total;
                  const hue = r === c ? '0, 114, 178' : '213, 94, 0';
                  const dark = share > 0.55;
                  return (
                    <td
                      key={c}
                      className="confusion__cell"
                      style={{
                        background: `rgba(${hue}, ${share === 0 ? 0 : 0.12 + 0.88 * share})`,
                        color: dark ? '#fff' : undefined,
                      }}
                    >
                      {v}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
