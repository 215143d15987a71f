/** Props: one value in [0, 1] (or null) per class, its names, a caption and the bar colour. */
export interface ClassBarsProps {
  caption: string;
  names: readonly string[];
  values: readonly (number | null)[];
  /** Text of a value (a percentage by default). */
  format?: (v: number) => string;
  /** Index of a bar to emphasise (say, the predicted class). */
  highlight?: number;
}

const percent = (v: number): string => `${(100 * v).toFixed(1)} %`;

/** Horizontal bars, one per class, as a table (name, bar, value) so the numbers are readable as text. */
export function ClassBars({ caption, names, values, format = percent, highlight }: ClassBarsProps) {
  return (
    <table className="class-bars">
      <caption>{caption}</caption>
      <tbody>
        {names.map((n, i) => {
          const v = values[i] ?? null;
          return (
            <tr key={i} className={i === highlight ? 'class-bars__row--highlight' : undefined}>
              <th scope="row">{n}</th>
              <td className="class-bars__track" aria-hidden="true">
                <div
                  className="class-bars__bar"
                  style={{ width: `${v === null ? 0 : Math.max(0, Math.min(1, v)) * 100}%` }}
                />
              </td>
              <td className="class-bars__value">{v === null ? '–' : format(v)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
