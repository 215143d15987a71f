import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParamSpec, ParamValue } from '../../src/layers/spec';
import { CommitField } from './CommitField';
import { formatValue, parseParam, parseTextParam } from './field-parsing';

/** Props of one generated parameter control. */
export interface ParamFieldProps {
  name: string;
  spec: ParamSpec;
  value: ParamValue;
  onCommit(value: ParamValue): void;
}

/** One parameter's control, generated from its spec: number or text field, select or checkbox. */
export function ParamField({ name, spec, value, onCommit }: ParamFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const label = t(`param.${name}`);
  if (spec.type === 'int' || spec.type === 'float') {
    return (
      <CommitField
        label={label}
        value={formatValue(value)}
        parse={(text) => parseParam(spec, text)}
        onCommit={onCommit}
        type="number"
        min={spec.min}
        max={spec.max}
        step={spec.type === 'int' ? 1 : 'any'}
        unit={spec.unit}
      />
    );
  }
  if (spec.type === 'text') {
    return (
      <CommitField
        label={label}
        value={formatValue(value)}
        parse={(text) => parseTextParam(spec, text)}
        onCommit={onCommit}
        type="text"
      />
    );
  }
  if (spec.type === 'enum') {
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select id={id} value={String(value)} onChange={(e) => onCommit(e.target.value)}>
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {t(`option.${o}`)}
            </option>
          ))}
        </select>
      </div>
    );
  }
  return (
    <div className="field field--check">
      <input id={id} type="checkbox" checked={value === true} onChange={(e) => onCommit(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
